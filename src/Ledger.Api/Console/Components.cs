using System.Globalization;
using System.Reflection;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Catalogue;
using Ledger.Domain.Certificates;
using Ledger.Projections;
using NodaTime;
using static Ledger.Api.WebConsole.Html;

namespace Ledger.Api.WebConsole;

/// <summary>Pieces every console page shares: status badges, the event timeline, reading what a JSON endpoint answered.</summary>
public static class Components
{
    /// <summary>
    /// What a JSON endpoint put into its 200 answer. Pages call the endpoints' own methods, so a page can show no more and no
    /// less than the API would to the same actor.
    /// </summary>
    public static T Value<T>(IResult result) => result is IValueHttpResult { Value: T value }
        ? value
        : throw new InvalidOperationException($"expected a {typeof(T).Name} answer, got {result.GetType().Name}");

    public static T Property<T>(IResult result, string name)
    {
        var value = result is IValueHttpResult { Value: { } v } ? v : throw new InvalidOperationException("the endpoint answered without a value");
        return (T)(value.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)?.GetValue(value)
                   ?? throw new InvalidOperationException($"the answer has no {name}"));
    }

    /// <summary>
    /// A date field written yyyy-MM-dd whatever the browser's locale: a text input with a pattern, not type="date", whose
    /// display order follows the operating system (MM/dd/yyyy on an English one). The API validates the same format again.
    /// </summary>
    public static Html DateInput(ConsolePage page) => H($"type=\"text\" inputmode=\"numeric\" {Raw("pattern=\"[0-9]{4}-[0-9]{2}-[0-9]{2}\"")} maxlength=\"10\" placeholder=\"yyyy-MM-dd\" autocomplete=\"off\" title=\"{page.L("日期格式 yyyy-MM-dd，例如 2021-04-10", "Written yyyy-MM-dd, such as 2021-04-10")}\" data-format=\"date\"");

    /// <summary>A month field written yyyy-MM, for the same reason.</summary>
    public static Html MonthInput(ConsolePage page) => H($"type=\"text\" inputmode=\"numeric\" {Raw("pattern=\"[0-9]{4}-[0-9]{2}\"")} maxlength=\"7\" placeholder=\"yyyy-MM\" autocomplete=\"off\" title=\"{page.L("月份格式 yyyy-MM，例如 2021-04", "Written yyyy-MM, such as 2021-04")}\" data-format=\"month\"");

    public static string Date(LocalDate? date) => date?.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    public static string Money(decimal amount) => "¥" + amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static Html Status(ConsolePage page, CertificateStatus status)
    {
        var tone = status switch
        {
            CertificateStatus.Valid => "ok",
            CertificateStatus.ReviewOverdue or CertificateStatus.Expired => "warn",
            CertificateStatus.ReviewFailed or CertificateStatus.Suspended or CertificateStatus.Revoked => "bad",
            _ => "muted",
        };
        return Badge(page.N(DisplayNames.Certificate(status)), tone);
    }

    public static Html Badge(string text, string tone) => H($"<span class=\"badge {tone}\">{text}</span>");

    public static Html Severity(ConsolePage page, Ledger.Domain.Claims.Severity severity) => Badge(page.N(DisplayNames.Severity(severity)), severity switch
    {
        Ledger.Domain.Claims.Severity.High => "bad",
        Ledger.Domain.Claims.Severity.Medium => "warn",
        _ => "muted",
    });

    public static string EventName(ConsolePage page, string type) => page.N(DisplayNames.EventType(type));

    /// <summary>Who recorded an event: the user as signed in, and the role they acted in (the organisation id is the tooltip).</summary>
    public static Html Recorder(ConsolePage page, RecordedEvent e)
    {
        var role = JsonNames.TryParseKebab<Ledger.Domain.Actors.ActorRole>(e.ActorRole, out var r) ? page.RoleName(r) : null;
        return H($"<span title=\"{e.ActorOrganisation ?? ""}\">{ConsolePage.Ident(e.ActorUser)}{(role is null ? "" : " · " + role)}</span>");
    }

    public static Html Timeline(ConsolePage page, IEnumerable<RecordedEvent> events)
    {
        var items = events.OrderBy(e => e.BusinessDate ?? e.RecordedAt.InUtc().Date).ThenBy(e => e.Sequence).ToList();
        if (items.Count == 0) return H($"<p class=\"empty\">{page.L("暂无记录。", "Nothing recorded yet.")}</p>");
        return H($"""
            <ol class="timeline">{Join(items.Select(e => H($"""
                <li class="event {e.Type}" data-type="{e.Type}">
                  <time datetime="{Date(e.BusinessDate)}">{Date(e.BusinessDate)}</time>
                  <div><strong>{EventName(page, e.Type)}</strong> <span class="summary">{page.L(e.SummaryZh, e.Summary)}</span>
                  {When(e.Reason is not null, H($"<div class=\"reason\">{page.L("原因", "Reason")}: {e.Reason}</div>"))}
                  <div class="meta">{page.L("记录于", "Recorded")} {e.RecordedAt.InZone(LedgerClock.China).ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture)} · {Recorder(page, e)} · {page.L("第", "version ")}{e.Version}{page.L(" 版", "")}</div></div>
                </li>
                """)))}</ol>
            """);
    }

    /// <summary>
    /// A jurisdiction picker: the signed-in bureau's own area and every area under it, by full name (codes are the values).
    /// Empty means the bureau's whole area, as the API reads a missing jurisdiction.
    /// </summary>
    public static Html JurisdictionSelect(ConsolePage page, string name, string? selected, bool required = false)
    {
        var policies = page.Http.RequestServices.GetRequiredService<Ledger.Domain.Policies.PolicyCatalog>();
        var own = page.Actor?.Jurisdiction;
        var areas = policies.Jurisdictions
            .Where(j => own is null || policies.ChainOf(j.Code).Any(c => c.Code == own))
            .OrderBy(j => string.Join("/", policies.ChainOf(j.Code).Reverse().Select(c => c.Code)), StringComparer.Ordinal);
        var options = areas.Select(j => H($"<option value=\"{j.Code}\"{Raw(j.Code == selected ? " selected" : "")}>{page.N(DisplayNames.Jurisdiction(j.Code))}</option>"));
        return H($"""<select id="{name}" name="{name}"{Raw(required ? " required" : "")}>{When(!required, H($"<option value=\"\">{page.L("本辖区全部", "All of my area")}</option>"))}{Join(options)}</select>""");
    }

    /// <summary>Previous and next links of a paged list, keeping the page's other query parameters.</summary>
    public static Html Pager(ConsolePage page, int pageNumber, int pageSize, int total)
    {
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        string Link(int n)
        {
            var query = page.Http.Request.Query.Where(q => q.Key is not "page" and not "lang")
                .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}").Append($"page={n}");
            return page.Http.Request.Path + "?" + string.Join("&", query);
        }
        return H($"""
            <nav class="pager" aria-label="{page.L("翻页", "Pages")}">
              {When(pageNumber > 1, H($"<a href=\"{Link(pageNumber - 1)}\" rel=\"prev\">{page.L("上一页", "Previous")}</a>"))}
              <span>{page.L($"第 {pageNumber} / {pages} 页，共 {total} 条", $"page {pageNumber} of {pages}, {total} in all")}</span>
              {When(pageNumber < pages, H($"<a href=\"{Link(pageNumber + 1)}\" rel=\"next\">{page.L("下一页", "Next")}</a>"))}
            </nav>
            """);
    }

    public static Html Field(string label, Html value) => H($"<div><dt>{label}</dt><dd>{value}</dd></div>");

    public static Html Field(string label, string? value) => Field(label, H($"{value ?? "—"}"));
}
