using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Obligations;
using Ledger.Domain;
using Ledger.Domain.Actors;
using Ledger.Domain.Catalogue;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Obligations;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;
using static Ledger.Api.WebConsole.Components;
using static Ledger.Api.WebConsole.Html;

namespace Ledger.Api.WebConsole;

/// <summary>Enterprise compliance as GET /api/enterprises/{id}/compliance answers it: each obligation with its rule id, filterable.</summary>
public static class EnterprisePages
{
    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.Auditor)]
    public static Task<IResult> Pick(HttpContext http) => ConsoleErrors.PageAsync(http, page =>
    {
        // An enterprise has one compliance page: its own.
        if (page.Actor?.EnterpriseId is { } own) return Task.FromResult(Results.Redirect($"/console/enterprises/{own}"));
        return Task.FromResult(page.Render(page.L("企业合规", "Enterprise compliance"), H($"""
            <form method="get" action="/console/enterprises/go" class="search">
              <label for="enterpriseId">{page.L("企业编号（UUID，见补贴申请或一人一档中的链接）", "Enterprise id (a UUID; claims and person files link to it)")}</label>
              <input id="enterpriseId" name="enterpriseId" required pattern="[0-9a-fA-F-]{"{36}"}" autocomplete="off" autofocus>
              <button type="submit">{page.L("查看", "Show")}</button>
            </form>
            """)));
    });

    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.Auditor)]
    public static IResult Go(string? enterpriseId) =>
        Guid.TryParse(enterpriseId, out var id) ? Results.Redirect($"/console/enterprises/{id}") : Results.Redirect("/console/enterprises");

    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.Auditor)]
    public static Task<IResult> Compliance(Guid enterpriseId, string? on, string? status, string? rule, HttpContext http, IQuerySession session,
        PolicyCatalog policies, IndustryCatalog industries, StreamIdentity ids, IClock clock, CancellationToken ct) =>
        ConsoleErrors.PageAsync(http, async page =>
        {
            // The JSON endpoint does not yet narrow an enterprise to itself; the console does, as the person file does (404).
            if (page.Actor is { Role: ActorRole.Enterprise } a && a.EnterpriseId != enterpriseId) throw new ResourceNotFoundException("enterprise");
            var view = await ObligationEndpoints.Enterprise(enterpriseId, null, on, session, policies, industries, ids, clock, ct);
            var wanted = JsonNames.TryParseKebab<ObligationStatus>(status, out var s) ? s : (ObligationStatus?)null;
            bool Keep(Obligation o) => (wanted is null || o.Status == wanted) &&
                                       (string.IsNullOrWhiteSpace(rule) || o.RuleId.Contains(rule.Trim(), StringComparison.OrdinalIgnoreCase));
            var rows = view.EnterpriseObligations.Where(Keep).Select(o => (Who: page.L("本单位", "The enterprise"), PersonId: (Guid?)null, O: o))
                .Concat(view.Persons.SelectMany(p => p.Breaches.Concat(p.Open).Concat(p.Met).Where(Keep).Select(o => (Who: p.Name, PersonId: (Guid?)p.PersonId, O: o))))
                .OrderByDescending(r => r.O.Status).ThenBy(r => r.O.Deadline).ToList();
            var options = Join(new[] { ("", page.L("全部", "All")), ("breached", page.L("已违反", "Breached")), ("open", page.L("待履行", "Open")), ("met", page.L("已履行", "Met")) }
                .Select(o => H($"<option value=\"{o.Item1}\"{Raw(o.Item1 == (status ?? "") ? " selected" : "")}>{o.Item2}</option>")));
            var body = H($"""
                <section class="card">
                  <h2>{view.Name}</h2>
                  <dl class="facts">
                    {Field(page.L("辖区", "Jurisdiction"), page.N(DisplayNames.Jurisdiction(view.Jurisdiction)))}
                    {Field(page.L("状态日期", "On"), Date(view.On))}
                    {Field(page.L("在册人员", "Employees on file"), view.Employees.ToString())}
                    {Field(page.L("有违规的人员", "Employees with breaches"), view.EmployeesWithBreaches.ToString())}
                  </dl>
                </section>
                <form method="get" class="search filters" aria-label="{page.L("筛选", "Filter")}">
                  <label for="status">{page.L("状态", "Status")}</label><select id="status" name="status">{options}</select>
                  <label for="rule">{page.L("规则编号", "Rule id")}</label><input id="rule" name="rule" value="{rule ?? ""}" placeholder="{page.L("如 TRN", "such as TRN")}">
                  <label for="on">{page.L("日期", "On")}</label><input id="on" name="on" {DateInput(page)} value="{on ?? ""}">
                  <button type="submit">{page.L("筛选", "Filter")}</button>
                </form>
                <section class="card">
                  <h2>{page.L("义务与违规", "Obligations and breaches")} <span class="muted">({rows.Count})</span></h2>
                  {PersonPages.Table([page.L("对象", "Who"), page.L("规则", "Rule"), page.L("义务", "Obligation"), page.L("期限", "Deadline"), page.L("状态", "Status"), page.L("说明", "Detail")],
                      rows.Select(r => new[]
                      {
                          r.PersonId is { } pid ? H($"<a href=\"/console/persons/{pid}\">{r.Who}</a>") : H($"{r.Who}"),
                          PersonPages.RuleName(page, r.O.RuleId), page.Named(DisplayNames.ObligationKind(r.O.Kind), r.O.Kind), H($"{r.O.Deadline}"), PersonPages.ObligationStatusBadge(page, r.O.Status), H($"{page.N(ProblemTexts.Obligation(r.O))}"),
                      }), "obligations")}
                </section>
                """);
            return page.Render(page.L("企业合规", "Enterprise compliance") + " · " + view.Name, body);
        });
}
