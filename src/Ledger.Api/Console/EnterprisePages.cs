using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Obligations;
using Ledger.Domain;
using Ledger.Api.Search;
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
    public static Task<IResult> Pick(string? q, string? jurisdiction, int? page, HttpContext http, IQuerySession session, PolicyCatalog policies, CancellationToken ct) =>
        ConsoleErrors.PageAsync(http, async console =>
        {
            // An enterprise has one compliance page: its own.
            if (console.Actor?.EnterpriseId is { } own) return Results.Redirect($"/console/enterprises/{own}");
            // The enterprises of the bureau's area, found by name or credit code (GET /api/enterprises), never by id.
            var found = await SearchEndpoints.Enterprises(q, jurisdiction, page, null, http, session, policies, ct);
            var rows = found.Items.Select(e => new[]
            {
                H($"<a href=\"/console/enterprises/{e.EnterpriseId}\">{e.Name}</a>"), ConsolePage.Ident(e.CreditCode), console.Named(DisplayNames.Industry(e.Industry), e.Industry),
                console.Named(DisplayNames.Jurisdiction(e.Jurisdiction), e.Jurisdiction), H($"{e.Headcount}"),
            });
            return console.Render(console.L("企业合规", "Enterprise compliance"), H($"""
                {When(console.Is(ActorRole.Regulator), H($"<p class=\"buttons\"><a class=\"button\" href=\"/console/enterprises/new\">{console.L("登记企业", "Register an enterprise")}</a> <a class=\"button\" href=\"/console/institutions/new\">{console.L("登记培训机构", "Register a training institution")}</a></p>"))}
                <form method="get" action="/console/enterprises" class="search filters" role="search">
                  <label for="q">{console.L("企业名称或统一社会信用代码", "Name or unified social credit code")}</label>
                  <input id="q" name="q" value="{q ?? ""}" maxlength="100" autocomplete="off" autofocus>
                  <label for="jurisdiction">{console.L("辖区", "Jurisdiction")}</label>{JurisdictionSelect(console, "jurisdiction", jurisdiction)}
                  <button type="submit">{console.L("查找", "Find")}</button>
                </form>
                <section class="card">
                  <h2>{console.L("企业名单", "Enterprises")} <span class="muted">({found.Total})</span></h2>
                  {PersonPages.Table([console.L("企业名称", "Name"), console.L("统一社会信用代码", "Credit code"), console.L("行业", "Industry"), console.L("辖区", "Jurisdiction"),
                      console.L("从业人员", "Employees")], rows, "enterprises")}
                  {Pager(console, found.PageNumber, found.PageSize, found.Total)}
                </section>
                """));
        });

    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.Auditor)]
    public static IResult Go(string? enterpriseId) =>
        Guid.TryParse(enterpriseId, out var id) ? Results.Redirect($"/console/enterprises/{id}") : Results.Redirect("/console/enterprises");

    /// <summary>
    /// The unit's training plans (JZ-PLN-01, HLJ-PLN-01, TZ-PLN-01) and, for the enterprise itself and its regulator, the form that records
    /// one adopted; whether it was on time is the obligation below, judged by the pack in force on the day asked.
    /// </summary>
    private static async Task<Html> TrainingPlansAsync(ConsolePage page, Guid enterpriseId, IQuerySession session, IClock clock, CancellationToken ct)
    {
        var enterprise = await session.LoadAsync<Enterprise>(enterpriseId, ct);
        if (enterprise is null) return Empty;
        var today = clock.Today();
        var plans = PersonPages.Table([page.L("年度", "Year"), page.L("计划名称", "Title"), page.L("制定日期", "Adopted on"), page.L("主要负责人", "Principal"),
            page.L("含被派遣、外包人员", "Dispatched and outsourced included"), page.L("文号", "Reference")], enterprise.TrainingPlans.Select(p => new[]
            {
                H($"{p.Year}"), H($"{p.Title}"), H($"{Date(p.AdoptedOn)}"), H($"{p.ApprovedBy}"), H($"{(p.CoversDispatchedAndOutsourced ? page.L("是", "Yes") : page.L("否", "No"))}"),
                H($"{p.DocumentReference ?? "—"}"),
            }), "training-plans");
        var form = page.Is(ActorRole.Enterprise, ActorRole.Regulator)
            ? Forms.Folded(page.L("登记培训计划", "Record a training plan"), Forms.ApiForm($"POST /api/enterprises/{enterpriseId}/training-plans",
                page.L("登记本单位安全技能提升培训计划", "Record the unit's training plan"), H($"""
                {Forms.Version(enterprise.Version)}
                {Forms.Number("year", page.L("计划年度", "Year"), today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture))}
                {Forms.Date(page, "adoptedOn", page.L("制定日期", "Adopted on"), Date(today))}
                {Forms.Text("title", page.L("计划名称", "Title"), value: page.L($"{today.Year}年度安全技能提升培训计划", $"Safety-skills training plan {today.Year}"))}
                {Forms.Text("approvedBy", page.L("组织制定的主要负责人", "Principal who had it drawn up"), max: 50, value: enterprise.LegalRepresentative)}
                {Forms.Text("documentReference", page.L("文号（可选）", "Document reference (optional)"), required: false, max: 100)}
                {Forms.Check("coversDispatchedAndOutsourced", page.L("计划覆盖全员，含被派遣劳动者和外包施工人员", "Covers all staff, dispatched and outsourced workers included"), on: true)}
                """), page.L("登记", "Record"), id: "training-plan-form", then: $"/console/enterprises/{enterpriseId}"))
            : Empty;
        return H($"""
            <section class="card" id="training-plans-card">
              <h2>{page.L("安全技能提升培训计划", "Training plans")}</h2>
              <p class="hint">{page.L("高危企业主要负责人须在规定期限前组织制定本单位培训计划（蓟州、黑龙江：2020年4月底前）。", "The principal of a high-risk enterprise has the unit's plan drawn up by the programme's day (Jizhou, Heilongjiang: end of April 2020).")}</p>
              {(enterprise.TrainingPlans.Count == 0 ? H($"<p class=\"muted\">{page.L("尚未登记培训计划。", "No plan recorded yet.")}</p>") : plans)}
              {form}
            </section>
            """);
    }

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
            var plansCard = await TrainingPlansAsync(page, enterpriseId, session, clock, ct);
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
                {plansCard}
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
