using System.Globalization;
using System.Reflection;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
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
        var (zh, en, tone) = status switch
        {
            CertificateStatus.Valid => ("有效", "Valid", "ok"),
            CertificateStatus.ReviewOverdue => ("逾期未复审", "Review overdue", "warn"),
            CertificateStatus.ReviewFailed => ("复审不合格", "Review failed", "bad"),
            CertificateStatus.Suspended => ("暂扣", "Suspended", "bad"),
            CertificateStatus.Revoked => ("已吊销", "Revoked", "bad"),
            CertificateStatus.Expired => ("已过期", "Expired", "warn"),
            CertificateStatus.Superseded => ("已换证", "Superseded", "muted"),
            CertificateStatus.NotYetValid => ("尚未生效", "Not yet valid", "muted"),
            _ => (status.ToString(), status.ToString(), "muted"),
        };
        return Badge(page.L(zh, en), tone);
    }

    public static Html Badge(string text, string tone) => H($"<span class=\"badge {tone}\">{text}</span>");

    public static Html Severity(ConsolePage page, Ledger.Domain.Claims.Severity severity) => severity switch
    {
        Ledger.Domain.Claims.Severity.High => Badge(page.L("高", "High"), "bad"),
        Ledger.Domain.Claims.Severity.Medium => Badge(page.L("中", "Medium"), "warn"),
        _ => Badge(page.L("低", "Low"), "muted"),
    };

    private static readonly Dictionary<string, (string Zh, string En)> EventNames = new()
    {
        ["person_registered"] = ("建档", "File opened"),
        ["person_education_recorded"] = ("学历登记", "Education recorded"),
        ["certificate_issued"] = ("发证", "Certificate issued"),
        ["certificate_reviewed"] = ("复审", "Certificate reviewed (复审)"),
        ["certificate_superseded"] = ("换证", "Certificate superseded"),
        ["certificate_suspended"] = ("暂扣", "Certificate suspended"),
        ["certificate_reinstated"] = ("恢复", "Certificate reinstated"),
        ["certificate_revoked"] = ("吊销", "Certificate revoked"),
        ["forged_certificate_reported"] = ("举报伪造证书", "Forgery reported"),
        ["employment_started"] = ("入职", "Hired"),
        ["post_changed"] = ("岗位变动", "Post changed"),
        ["four_new_introduced"] = ("四新引入", "Four-new introduced"),
        ["left_post"] = ("离岗", "Left post"),
        ["returned_to_post"] = ("返岗", "Returned to post"),
        ["employment_ended"] = ("离职", "Employment ended"),
        ["training_attended"] = ("参加培训", "Training attended"),
        ["assessment_recorded"] = ("考核", "Assessment recorded"),
        ["social_insurance_months_recorded"] = ("社保缴纳登记", "Social insurance recorded"),
        ["claim_submitted"] = ("提交补贴申请", "Claim submitted"),
        ["institution_attested"] = ("培训机构确认", "Institution attested"),
        ["certificates_verified"] = ("应急部门核验", "Certificates verified"),
        ["verification_overridden"] = ("核验更正", "Verification overridden"),
        ["claim_approved"] = ("人社部门审批", "Claim approved"),
        ["claim_rejected"] = ("驳回", "Claim rejected"),
        ["subsidy_disbursed"] = ("补贴发放", "Subsidy disbursed"),
        ["disbursement_reconciled"] = ("对账", "Disbursement reconciled"),
        ["clawback_ordered"] = ("责令追回", "Clawback ordered"),
        ["clawback_repaid"] = ("追回到账", "Clawback repaid"),
        ["claim_line_flagged"] = ("事后发现问题", "Line flagged later"),
        ["personal_data_resealed"] = ("个人信息重新加密", "Personal data resealed"),
        ["claim_handler_mobile_resealed"] = ("经办人手机重新加密", "Handler's mobile resealed"),
    };

    public static string EventName(ConsolePage page, string type) =>
        EventNames.TryGetValue(type, out var name) ? page.L(name.Zh, name.En) : type.Replace('_', ' ');

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
                  <div class="meta">{page.L("记录于", "Recorded")} {e.RecordedAt.InZone(LedgerClock.China).ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture)} · {e.ActorUser ?? "—"} ({e.ActorOrganisation ?? "—"}) · v{e.Version}</div></div>
                </li>
                """)))}</ol>
            """);
    }

    public static Html Field(string label, Html value) => H($"<div><dt>{label}</dt><dd>{value}</dd></div>");

    public static Html Field(string label, string? value) => Field(label, H($"{value ?? "—"}"));
}
