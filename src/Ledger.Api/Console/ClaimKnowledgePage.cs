using System.Globalization;
using Ledger.Api.Claims;
using Ledger.Api.Http;
using Ledger.Domain;
using Ledger.Domain.Actors;
using Ledger.Domain.Catalogue;
using Ledger.Domain.Claims;
using Ledger.Domain.Policies;
using Ledger.Api.Access;
using Ledger.Domain.Certificates;
using Marten;
using NodaTime;
using NodaTime.Text;
using static Ledger.Api.WebConsole.Components;
using static Ledger.Api.WebConsole.Html;

namespace Ledger.Api.WebConsole;

/// <summary>
/// 决策时所知: what the ledger knew of each roster line when a step of the claim was taken (by default its approval or
/// rejection), beside what it knows now, and what was recorded on the claim since (GET /api/claims/{id}/knowledge). The
/// auditor's question after a payment: was the money paid on what was known then, or did a fact arrive later?
/// </summary>
public static class ClaimKnowledgePage
{
    [ActorRoles(ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static Task<IResult> Get(Guid claimId, string? asOf, HttpContext http, IQuerySession session, PolicyCatalog policies, CertificateCatalog catalog,
        IDocumentStore store, IClock clock, CancellationToken ct) =>
        ConsoleErrors.PageAsync(http, async page =>
        {
            var view = Value<ClaimKnowledgeView>(await ClaimKnowledgeEndpoint.Get(claimId, asOf, session, policies, catalog, http, store, clock, ct));
            var claim = await session.LoadAsync<Claim>(claimId, ct) ?? throw new ResourceNotFoundException("claim");
            var events = await session.Events.FetchStreamAsync(claimId, token: ct);
            string Iso(Instant i) => InstantPattern.ExtendedIso.Format(i);
            string Local(Instant i) => i.InZone(LedgerClock.China).ToString("uuuu-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            // Each step of the claim is a moment to judge at: the instant it was recorded.
            var moments = Join(events.Select(e =>
            {
                var at = Instant.FromDateTimeOffset(e.Timestamp);
                return H($"<option value=\"{Iso(at)}\"{Raw(at == view.AsOf ? " selected" : "")}>{page.L($"第 {e.Version} 版：", $"v{e.Version}: ")}{EventName(page, e.EventTypeName)} · {Local(at)}</option>");
            }));
            Html Findings(IEnumerable<Finding> findings)
            {
                var list = findings.OrderByDescending(f => f.Severity).ToList();
                return list.Count == 0 ? H($"<span class=\"muted\">—</span>") : H($"""<ul class="flags">{Join(list.Select(f => H($"<li>{Severity(page, f.Severity)}{(f.Blocking ? Badge(page.L("阻断", "blocking"), "warn") : Empty)} {PersonPages.RuleName(page, f.RuleId)}{(page.English ? " " + f.Evidence : "")}</li>")))}</ul>""");
            }
            var changed = view.Lines.Count(l => l.AppearedLater.Count > 0 || l.GoneSince.Count > 0 || l.Then.EntitledAmount != l.Now.EntitledAmount);
            var rows = view.Lines.Select(l => new[]
            {
                H($"{l.LineNo}"), H($"{l.Name}"), H($"{Money(l.Then.EntitledAmount)}"), H($"{Money(l.Now.EntitledAmount)}"),
                l.AppearedLater.Count == 0 && l.GoneSince.Count == 0 && l.Then.EntitledAmount == l.Now.EntitledAmount
                    ? Badge(page.L("无变化", "Unchanged"), "ok") : Badge(page.L("此后有变化", "Changed since"), "warn"),
                Findings(l.Then.Findings), Findings(l.AppearedLater), Findings(l.GoneSince),
            });
            var since = view.ClaimEventsSince.Select(e => new[]
            {
                H($"{e.Version}"), H($"{EventName(page, e.Type)}"), H($"{Local(e.RecordedAt)}"),
            });
            var reasonQuery = http.Request.Query["reason"].ToString() is { Length: > 0 } r ? "?reason=" + Uri.EscapeDataString(r) : "";
            var body = H($"""
                <p><a href="/console/claims/{claimId}{reasonQuery}">{page.L("返回补贴审核表", "Back to the claim")}</a></p>
                <section class="card">
                  <h2>{claim.Form.EnterpriseName} <span class="muted">{ClaimPages.StageName(page, claim.Stage)}</span></h2>
                  <form method="get" class="search filters">
                    <label for="asOf">{page.L("按哪一步时的记录判断", "Judge on the records as at")}</label><select id="asOf" name="asOf">{moments}</select>
                    {When(reasonQuery.Length > 0, H($"<input type=\"hidden\" name=\"reason\" value=\"{http.Request.Query["reason"].ToString()}\">"))}
                    <button type="submit">{page.L("判断", "Judge")}</button>
                  </form>
                  <p class="{(changed == 0 ? "hint" : "notice")}" id="knowledge-summary">{(changed == 0
                      ? page.L($"按 {Local(view.AsOf)} 时已记录的事实与现在的判断相同：各行没有此后才出现或消失的核查发现。",
                          $"Judged on the facts recorded by {Local(view.AsOf)}, every line stands as it does now.")
                      : page.L($"{changed} 行在 {Local(view.AsOf)} 之后有变化：见“此后出现”与“此后消失”两栏。",
                          $"{changed} line(s) changed after {Local(view.AsOf)}: see the last two columns."))}</p>
                  {PersonPages.Table(["#", page.L("姓名", "Name"), page.L("当时应补", "Entitled then"), page.L("现在应补", "Entitled now"), page.L("比较", "Compared"),
                      page.L("当时的核查发现", "Findings then"), page.L("此后出现", "Appeared later"), page.L("此后消失", "Gone since")], rows, "knowledge-lines")}
                </section>
                <section class="card">
                  <h2>{page.L("此后在本申请上记录的事项", "Recorded on the claim since")} <span class="muted">({view.ClaimEventsSince.Count})</span></h2>
                  {PersonPages.Table([page.L("版本", "Version"), page.L("事项", "Event"), page.L("记录时间", "Recorded")], since, "events-since")}
                </section>
                """);
            return page.Render(page.L("决策时所知", "What was known when"), body);
        });
}
