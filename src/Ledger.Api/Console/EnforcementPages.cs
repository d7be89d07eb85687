using System.Globalization;
using Ledger.Api.Access;
using Ledger.Api.Enforcement;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Obligations;
using Ledger.Api.Search;
using Ledger.Domain;
using Ledger.Domain.Actors;
using Ledger.Domain.Catalogue;
using Ledger.Domain.Enforcement;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Obligations;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;
using static Ledger.Api.WebConsole.Components;
using static Ledger.Api.WebConsole.Html;

namespace Ledger.Api.WebConsole;

/// <summary>
/// The regulators' enforcement pages (issue 20): the register of open rectification orders with the overdue ones first, an
/// inspection with its order, re-inspection, penalty and publication forms, and tip-offs. Every write is the API's own step
/// (data-api), so the console decides nothing the API would not. The enterprise reads its own inspections and orders here;
/// tip-offs are the regulators' alone, and the page that lists them names no informant.
/// </summary>
public static class EnforcementPages
{
    public static void Map(RouteGroupBuilder console)
    {
        console.MapGet("/inspections", Register);
        console.MapGet("/inspections/new", New);
        console.MapGet("/inspections/{inspectionId:guid}", Detail);
        console.MapGet("/tip-offs", Tips);
        console.MapGet("/tip-offs/{tipId:guid}", Tip);
    }

    private static Html Option(string value, string label, string? selected) =>
        H($"<option value=\"{value}\"{Raw(value == selected ? " selected" : "")}>{label}</option>");

    private static Html Options<T>(IEnumerable<T> values, Func<T, DisplayName> name, ConsolePage page, string? selected = null) where T : struct, Enum =>
        Join(values.Select(v => Option(JsonNames.Kebab(v), page.N(name(v)), selected)));

    private static Html Error => H($"<div class=\"form-error\" role=\"alert\" hidden></div>");

    // ---- the register of open rectification orders ----

    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.Auditor)]
    public static Task<IResult> Register(string? jurisdiction, string? enterprise, string? overdue, string? format,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")] int? pageNumber, HttpContext http, IQuerySession session, PolicyCatalog policies, IClock clock,
        CancellationToken ct) =>
        ConsoleErrors.PageAsync(http, async page =>
        {
            var actor = ActorMiddleware.Required(http);
            var overdueOnly = ListPaging.OneOf(overdue, "overdue", "true", "false") == "true";
            var today = clock.Today();
            var rows = await EnforcementEndpoints.RectificationRegister(jurisdiction, enterprise, overdueOnly, actor, session, policies, today, ct);
            (string Zh, string En)[] cols = [("企业", "Enterprise"), ("辖区", "Jurisdiction"), ("检查日期", "Inspected on"), ("发现的问题", "Finding"),
                ("责令日期", "Ordered on"), ("改正期限", "Deadline"), ("状态", "Status"), ("依据", "Rule")];
            var headers = cols.Select(c => page.L(c.Zh, c.En)).ToArray();
            if (format is "csv" or "xlsx")
            {
                var table = new Table().Row([.. cols.Select(c => c.Zh)]);
                foreach (var e in rows)
                    table.Row(e.EnterpriseName, DisplayNames.Jurisdiction(e.Jurisdiction).Zh, e.InspectedOn, e.Finding, e.OrderedOn, e.Deadline,
                        e.Overdue ? $"逾期 {e.DaysOverdue} 天" : "整改期限内", $"{DisplayNames.Rule(e.RuleId).TitleZh}（{e.RuleId}）");
                var name = $"责令限期改正-{DateTime.UtcNow:yyyyMMdd}";
                return format == "csv"
                    ? Results.File(Csv.Write(table), Csv.ContentType, name + ".csv")
                    : Results.File(Spreadsheet.Write("责令限期改正", table), Spreadsheet.ContentType, name + ".xlsx");
            }
            if (format is { Length: > 0 }) throw new RequestValidationException(new Dictionary<string, string[]> { ["format"] = ["must be csv or xlsx"] });
            var window = ListWindow.Parse(pageNumber ?? 1, RegisterPages.PageSize)!.Value;
            var shown = window.Of(rows).ToList();
            var list = PersonPages.Table(headers, shown.Select(e => new[]
            {
                H($"<a href=\"/console/inspections/{e.InspectionId}\">{e.EnterpriseName}</a>"), page.Named(DisplayNames.Jurisdiction(e.Jurisdiction), e.Jurisdiction),
                H($"{Date(e.InspectedOn)}"), H($"{e.Finding}"), H($"{Date(e.OrderedOn)}"), H($"{Date(e.Deadline)}"),
                e.Overdue ? Badge(page.L($"逾期 {e.DaysOverdue} 天", $"{e.DaysOverdue} days overdue"), "bad") : Badge(page.L("整改期限内", "Within its deadline"), "warn"),
                PersonPages.RuleName(page, e.RuleId),
            }), "rectifications");
            var query = string.Join("&", http.Request.Query.Where(q => q.Key is not "page" and not "format" and not "lang")
                .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}"));
            var amp = query.Length == 0 ? "" : "&";
            var filters = H($"""
                <form method="get" class="search filters">
                {When(actor.Role != ActorRole.Enterprise, H($"""<label for="jurisdiction">{page.L("辖区", "Jurisdiction")}</label>{JurisdictionSelect(page, "jurisdiction", jurisdiction)}"""))}
                <label for="enterprise">{page.L("企业名称", "Enterprise name")}</label><input id="enterprise" name="enterprise" maxlength="100" value="{enterprise}">
                <label for="overdue">{page.L("范围", "Show")}</label>
                <select id="overdue" name="overdue">{Option("false", page.L("全部未结", "All open"), overdueOnly ? "true" : "false")}{Option("true", page.L("仅逾期", "Overdue only"), overdueOnly ? "true" : "false")}</select>
                <button type="submit">{page.L("查询", "Show")}</button>
                </form>
                """);
            var actions = page.Is(ActorRole.Regulator)
                ? H($"""<p class="actions"><a href="/console/inspections/new">{page.L("记录执法检查", "Record an inspection")}</a> · <a href="/console/tip-offs">{page.L("举报受理", "Tip-offs")}</a></p>""")
                : Empty;
            var inspections = await RecentInspectionsAsync(page, actor, session, policies, ct);
            return page.Render(page.L(actor.Role == ActorRole.Enterprise ? "本单位的检查与整改" : "责令限期改正", actor.Role == ActorRole.Enterprise ? "Our inspections and orders" : "Rectification orders"), H($"""
                {actions}
                {filters}
                <section class="card">
                  <p class="summary-line">{page.L("未结的整改通知", "Open orders")}: <strong id="register-total">{rows.Count}</strong> · {page.L("其中逾期", "overdue")}: <strong id="overdue-total">{rows.Count(r => r.Overdue)}</strong></p>
                  <p class="exports"><a href="{http.Request.Path}?{query}{amp}format=xlsx" data-download>{page.L("导出 XLSX", "Export XLSX")}</a> ·
                    <a href="{http.Request.Path}?{query}{amp}format=csv" data-download>{page.L("导出 CSV", "Export CSV")}</a></p>
                  {list}
                  {Pager(page, window.Page, RegisterPages.PageSize, rows.Count)}
                </section>
                {PersonPages.Section(page, page.L("最近的执法检查", "Recent inspections"), inspections)}
                """));
        });

    private static async Task<Html> RecentInspectionsAsync(ConsolePage page, Actor actor, IQuerySession session, PolicyCatalog policies, CancellationToken ct)
    {
        IQueryable<Inspection> query = session.Query<Inspection>();
        if (actor.Role == ActorRole.Enterprise)
        {
            var own = actor.EnterpriseId ?? Guid.Empty;
            query = query.Where(i => i.EnterpriseId == own);
        }
        else
        {
            var list = Scope.ListJurisdiction(actor, policies, null)!;
            var codes = policies.Jurisdictions.Where(j => policies.IsWithin(j.Code, list)).Select(j => j.Code).ToArray();
            query = query.Where(i => i.Jurisdiction.IsOneOf(codes) || i.Jurisdiction.StartsWith(list + "-"));
        }
        var recent = await query.OrderByDescending(i => i.InspectedOn).Take(50).ToListAsync(ct);
        return PersonPages.Table([page.L("企业", "Enterprise"), page.L("检查日期", "Inspected on"), page.L("检查事由", "Reason"), page.L("整改通知", "Orders"), page.L("曝光", "Published")],
            recent.Select(i => new[]
            {
                H($"<a href=\"/console/inspections/{i.Id}\">{i.EnterpriseName}</a>"), H($"{Date(i.InspectedOn)}"), H($"{i.Reason}"), H($"{i.Orders.Count}"),
                H($"{(i.Publication is null ? "—" : Date(i.Publication.PublishedOn))}"),
            }), "inspections");
    }

    // ---- recording an inspection ----

    [ActorRoles(ActorRole.Regulator)]
    public static Task<IResult> New(string? enterprise, string? q, HttpContext http, IQuerySession session, PolicyCatalog policies, IClock clock, CancellationToken ct) =>
        ConsoleErrors.PageAsync(http, async page =>
        {
            var found = await SearchEndpoints.Enterprises(q, null, 1, SearchEndpoints.MaxPageSize, http, session, policies, ct);
            var today = Date(clock.Today());
            var groups = Enum.GetValues<QuizGroup>();
            var quiz = Join(groups.Select((g, i) => H($"""
                <fieldset class="quiz"><legend>{page.N(EnforcementNames.Quiz(g))}</legend>
                  <input type="hidden" name="spotQuiz.{i}.group" value="{JsonNames.Kebab(g)}">
                  <label>{page.L("抽考人数", "Examined")}<input name="spotQuiz.{i}.examined" data-type="int" inputmode="numeric" value="0" required></label>
                  <label>{page.L("合格人数", "Passed")}<input name="spotQuiz.{i}.passed" data-type="int" inputmode="numeric" value="0" required></label>
                </fieldset>
                """)));
            var form = H($"""
                <form method="get" class="search"><label for="q">{page.L("查找企业（名称或信用代码）", "Find the enterprise (name or credit code)")}</label>
                  <input id="q" name="q" maxlength="100" value="{q}"><button type="submit">{page.L("查找", "Find")}</button></form>
                <form data-api="POST /api/inspections" data-then="/console/inspections/:inspectionId" class="grid card" aria-label="{page.L("记录执法检查", "Record an inspection")}">
                  <label>{page.L("被检查企业", "Enterprise")}<select name="enterpriseId" required>{Join(found.Items.Select(e => H($"<option value=\"{e.EnterpriseId}\" translate=\"no\"{Raw(e.EnterpriseId.ToString() == enterprise ? " selected" : "")}>{e.Name}</option>")))}</select></label>
                  <label>{page.L("检查日期", "Inspected on")}<input {DateInput(page)} name="inspectedOn" value="{today}" required></label>
                  <label>{page.L("检查事由", "Reason")}<input name="reason" maxlength="500" required value="{page.L("日常执法检查", "Routine inspection")}"></label>
                  <label><input type="checkbox" name="trainingPlanChecked" checked> {page.L("已抽查企业培训计划", "Training plan checked")}</label>
                  <label>{page.L("培训计划检查情况", "Training plan finding")}<input name="trainingPlanFinding" maxlength="500"></label>
                  <label>{page.L("抽查持证人数", "Persons whose certificates were checked")}<input name="certificatesChecked" data-type="int" inputmode="numeric" value="0" required></label>
                  <label>{page.L("其中应持证未持证", "Of them without a required certificate")}<input name="certificatesMissing" data-type="int" inputmode="numeric" value="0" required></label>
                  <p class="hint">{page.L("抽考安全生产应知应会知识（逢查必考）：未抽考的人员类别填 0。", "Spot quiz of required knowledge: leave 0 for a group not quizzed.")}</p>
                  {quiz}
                  <button type="submit">{page.L("记录检查", "Record inspection")}</button>
                  {Error}
                </form>
                """);
            return page.Render(page.L("记录执法检查", "Record an inspection"), form);
        });

    // ---- an inspection and its enforcement ----

    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.Auditor)]
    public static Task<IResult> Detail(Guid inspectionId, HttpContext http, IQuerySession session, PolicyCatalog policies, IndustryCatalog industries, StreamIdentity ids,
        IClock clock, CancellationToken ct) =>
        ConsoleErrors.PageAsync(http, async page =>
        {
            var actor = ActorMiddleware.Required(http);
            var today = clock.Today();
            var view = InspectionView.Of(await EnforcementEndpoints.VisibleInspectionAsync(session, inspectionId, actor, policies, ct), actor, today);
            var facts = H($"""
                <dl class="facts">
                  {Field(page.L("企业", "Enterprise"), view.EnterpriseName)}
                  {Field(page.L("辖区", "Jurisdiction"), page.Named(DisplayNames.Jurisdiction(view.Jurisdiction), view.Jurisdiction))}
                  {Field(page.L("检查日期", "Inspected on"), Date(view.InspectedOn))}
                  {Field(page.L("检查事由", "Reason"), view.Reason)}
                  {Field(page.L("培训计划", "Training plan"), view.TrainingPlanChecked ? page.L("已抽查", "Checked") + (view.TrainingPlanFinding is { } f ? "：" + f : "") : page.L("未抽查", "Not checked"))}
                  {Field(page.L("持证情况", "Certificates"), page.L($"抽查 {view.CertificatesChecked} 人，应持证未持证 {view.CertificatesMissing} 人", $"{view.CertificatesChecked} checked, {view.CertificatesMissing} without a required certificate"))}
                  {Field(page.L("抽考", "Spot quiz"), view.SpotQuiz.Any(x => x.Examined > 0)
                      ? string.Join(page.L("；", "; "), view.SpotQuiz.Where(x => x.Examined > 0).Select(x => page.L($"{EnforcementNames.Quiz(x.Group).Zh} {x.Passed}/{x.Examined} 合格", $"{EnforcementNames.Quiz(x.Group).En} {x.Passed}/{x.Examined} passed")))
                      : page.L("未抽考", "None"))}
                  {Field(page.L("检查依据", "Under"), view.RuleIds.Count == 0 ? H($"—") : PersonPages.RuleList(page, view.RuleIds))}
                  {Field(page.L("检查人", "Inspected by"), ConsolePage.Ident(view.InspectedBy))}
                  {When(view.TipId is not null, Field(page.L("线索来源", "Lead"), H($"<a href=\"/console/tip-offs/{view.TipId}\">{page.L("举报", "Tip-off")}</a>")))}
                  {When(view.Publication is not null, Field(page.L("曝光", "Published"), $"{Date(view.Publication?.PublishedOn)} · {view.Publication?.Where}"))}
                </dl>
                """);
            var orders = PersonPages.Table([page.L("序号", "No."), page.L("发现的问题", "Finding"), page.L("责令日期", "Ordered on"), page.L("改正期限", "Deadline"),
                page.L("责令停止", "Stop ordered"), page.L("状态", "Status"), page.L("复查", "Re-inspection"), page.L("处罚", "Penalty"), page.L("依据", "Rule")],
                view.Orders.Select(o => new[]
                {
                    H($"{o.OrderNo}"), H($"{o.Finding}{(o.Breaches.Count == 0 ? "" : page.L($"（关联台账查出的违规 {o.Breaches.Count} 项）", $" ({o.Breaches.Count} detected breaches linked)"))}"),
                    H($"{Date(o.OrderedOn)}"), H($"{Date(o.Deadline)}"), H($"{(o.StopOrdered ? page.L("是", "Yes") : page.L("否", "No"))}"),
                    Badge(page.N(EnforcementNames.Rectification(o.Status, o.Overdue)), o.Overdue || o.Status == RectificationStatus.NotRectified ? "bad" : o.Status == RectificationStatus.Rectified ? "ok" : "warn"),
                    H($"{(o.ReInspectedOn is null ? "—" : $"{Date(o.ReInspectedOn)} {o.ReInspectionFinding}")}"),
                    H($"{(o.Penalty is { } p ? $"{page.N(EnforcementNames.Penalty(p.Kind))}{(p.FineAmount is { } a ? " " + Money(a) : "")} · {p.DecisionNumber}" : "—")}"),
                    PersonPages.RuleName(page, o.RuleId),
                }), "orders");
            var forms = actor.Role == ActorRole.Regulator ? await FormsAsync(page, view, session, policies, industries, ids, clock, ct) : Empty;
            return page.Render(page.L("执法检查", "Inspection") + " · " + view.EnterpriseName, H($"""
                <section class="card">{facts}</section>
                {PersonPages.Section(page, page.L("责令限期改正", "Rectification orders"), orders)}
                {forms}
                """));
        });

    private static async Task<Html> FormsAsync(ConsolePage page, InspectionView view, IQuerySession session, PolicyCatalog policies, IndustryCatalog industries,
        StreamIdentity ids, IClock clock, CancellationToken ct)
    {
        var today = Date(clock.Today());
        var open = view.Orders.LastOrDefault(o => o.Status == RectificationStatus.Open);
        var last = view.Orders.LastOrDefault();
        var parts = new List<Html>();
        if (open is null)
        {
            // The breaches the ledger detected on the inspection date, linked to the order (rectification-breach-detected).
            var compliance = await ObligationEndpoints.Enterprise(view.EnterpriseId, null, Date(view.InspectedOn), session, policies, industries, ids, clock, ct);
            var detected = compliance.Persons.SelectMany(p => p.Breaches.Select(b => (Person: (Guid?)p.PersonId, Name: p.Name, b.RuleId, b.Kind)))
                .Concat(compliance.EnterpriseObligations.Where(o => o.Status == ObligationStatus.Breached).Select(o => (Person: (Guid?)null, Name: view.EnterpriseName, o.RuleId, o.Kind)))
                .Take(100).ToList();
            var hidden = Join(detected.Select((b, i) => H($"""
                {When(b.Person is not null, H($"<input type=\"hidden\" name=\"breaches.{i}.personId\" value=\"{b.Person}\">"))}
                <input type="hidden" name="breaches.{i}.ruleId" value="{b.RuleId}"><input type="hidden" name="breaches.{i}.kind" value="{b.Kind}">
                """)));
            var listed = detected.Count == 0 ? H($"<p class=\"hint\">{page.L("检查当日台账未查出该企业的违规。", "The ledger detected no breach of the enterprise on the inspection date.")}</p>")
                : H($"<ul class=\"flags\">{Join(detected.Select(b => H($"<li>{b.Name} · {page.N(DisplayNames.ObligationKind(b.Kind))} {PersonPages.RuleName(page, b.RuleId)}</li>")))}</ul>");
            parts.Add(H($"""
                <form data-api="POST /api/inspections/{view.InspectionId}/rectification-orders" class="grid card action" aria-label="{page.L("责令限期改正", "Order rectification")}">
                  <h2>{page.L("责令限期改正", "Order rectification")}</h2>
                  <input type="hidden" name="version" value="{view.Version}" data-type="int">
                  <p>{page.L("关联台账在检查当日查出的违规：", "Linked breaches the ledger detected on the inspection date:")}</p>{listed}{hidden}
                  <label>{page.L("发现的问题", "Finding")}<textarea name="finding" maxlength="1000" required></textarea></label>
                  <label>{page.L("责令日期", "Ordered on")}<input {DateInput(page)} name="orderedOn" value="{today}" required></label>
                  <label>{page.L("改正期限", "Deadline")}<input {DateInput(page)} name="deadline" required></label>
                  <label><input type="checkbox" name="stopOrdered"> {page.L("同时责令立即停止违法行为", "Also order the breach stopped at once")}</label>
                  <button type="submit">{page.L("下达整改通知", "Issue the order")}</button>
                  {Error}
                </form>
                """));
        }
        else
        {
            parts.Add(H($"""
                <form data-api="POST /api/inspections/{view.InspectionId}/re-inspections" class="grid card action" aria-label="{page.L("复查", "Re-inspect")}">
                  <h2>{page.L("复查", "Re-inspect")}</h2>
                  <input type="hidden" name="version" value="{view.Version}" data-type="int">
                  <label>{page.L("复查日期", "Re-inspected on")}<input {DateInput(page)} name="reInspectedOn" value="{today}" required></label>
                  <label>{page.L("复查结论", "Outcome")}<select name="rectified" data-type="bool"><option value="true">{page.L("已改正", "Rectified")}</option><option value="false">{page.L("未改正（期限届满后）", "Not rectified (after the deadline)")}</option></select></label>
                  <label>{page.L("复查意见", "Finding")}<textarea name="finding" maxlength="1000" required></textarea></label>
                  <button type="submit">{page.L("记录复查", "Record re-inspection")}</button>
                  {Error}
                </form>
                """));
        }
        if (last is { Penalty: null })
            parts.Add(H($"""
                <form data-api="POST /api/inspections/{view.InspectionId}/penalties" class="grid card action" aria-label="{page.L("行政处罚", "Penalty")}">
                  <h2>{page.L("行政处罚", "Penalty")}</h2>
                  <input type="hidden" name="version" value="{view.Version}" data-type="int">
                  <label>{page.L("处罚种类", "Kind")}<select name="kind">{Options(Enum.GetValues<PenaltyKind>(), EnforcementNames.Penalty, page)}</select></label>
                  <label>{page.L("罚款金额（元，仅罚款填写）", "Fine (CNY, fines only)")}<input name="fineAmount" data-type="number" inputmode="decimal"></label>
                  <label>{page.L("法律依据", "Legal basis")}<input name="legalBasis" maxlength="300" required></label>
                  <label>{page.L("处罚决定书文号", "Decision number")}<input name="decisionNumber" maxlength="60" required></label>
                  <label>{page.L("决定日期", "Decided on")}<input {DateInput(page)} name="decidedOn" value="{today}" required></label>
                  <label>{page.L("处罚理由", "Reason")}<input name="reason" maxlength="500" required></label>
                  <button type="submit">{page.L("记录处罚", "Record penalty")}</button>
                  {Error}
                </form>
                """));
        if (last is not null && view.Publication is null)
            parts.Add(H($"""
                <form data-api="POST /api/inspections/{view.InspectionId}/publications" class="grid card action" aria-label="{page.L("曝光", "Publish")}">
                  <h2>{page.L("曝光处理情况", "Publish the handling")}</h2>
                  <input type="hidden" name="version" value="{view.Version}" data-type="int">
                  <label>{page.L("曝光日期", "Published on")}<input {DateInput(page)} name="publishedOn" value="{today}" required></label>
                  <label>{page.L("曝光范围或渠道", "Where")}<input name="where" maxlength="200" required></label>
                  <label>{page.L("曝光事由", "Reason")}<input name="reason" maxlength="500" required></label>
                  <button type="submit">{page.L("记录曝光", "Record publication")}</button>
                  {Error}
                </form>
                """));
        return Join(parts);
    }

    // ---- tip-offs (举报) ----

    [ActorRoles(ActorRole.Regulator)]
    public static Task<IResult> Tips(string? jurisdiction, string? open, string? format, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")] int? pageNumber,
        HttpContext http, IQuerySession session, PolicyCatalog policies, IClock clock, CancellationToken ct) =>
        ConsoleErrors.PageAsync(http, async page =>
        {
            var actor = ActorMiddleware.Required(http);
            var openOnly = ListPaging.OneOf(open, "open", "true", "false") == "true";
            var tips = await EnforcementEndpoints.TipRegister(jurisdiction, openOnly, actor, session, policies, ct);
            (string Zh, string En)[] cols = [("受理日期", "Received on"), ("被举报单位", "Reported unit"), ("举报事项", "Subject"), ("渠道", "Channel"), ("查证", "Verification"),
                ("奖励", "Reward")];
            if (format is "csv")
            {
                var table = new Table().Row([.. cols.Select(c => c.Zh)]);
                // The export carries no contact, masked or not: a file travels further than the page.
                foreach (var t in tips)
                    table.Row(t.ReceivedOn, t.EnterpriseName, EnforcementNames.Subject(t.Subject).Zh, EnforcementNames.Channel(t.Channel).Zh,
                        EnforcementNames.Verification(t.Substantiated, t.RewardedOn is not null).Zh, t.RewardAmount);
                return Results.File(Csv.Write(table), Csv.ContentType, $"举报-{DateTime.UtcNow:yyyyMMdd}.csv");
            }
            if (format is { Length: > 0 }) throw new RequestValidationException(new Dictionary<string, string[]> { ["format"] = ["must be csv"] });
            var window = ListWindow.Parse(pageNumber ?? 1, RegisterPages.PageSize)!.Value;
            var list = PersonPages.Table([.. cols.Select(c => page.L(c.Zh, c.En))], window.Of(tips).Select(t => new[]
            {
                H($"<a href=\"/console/tip-offs/{t.Id}\">{Date(t.ReceivedOn)}</a>"), H($"{t.EnterpriseName}"), H($"{page.N(EnforcementNames.Subject(t.Subject))}"),
                H($"{page.N(EnforcementNames.Channel(t.Channel))}"), Badge(page.N(EnforcementNames.Verification(t.Substantiated, t.RewardedOn is not null)), t.Substantiated is null ? "warn" : "ok"),
                H($"{(t.RewardAmount is { } a ? Money(a) : "—")}"),
            }), "tips");
            var found = await SearchEndpoints.Enterprises(null, null, 1, SearchEndpoints.MaxPageSize, http, session, policies, ct);
            var query = string.Join("&", http.Request.Query.Where(q => q.Key is not "page" and not "format" and not "lang")
                .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}"));
            var receive = H($"""
                <form data-api="POST /api/tip-offs" data-then="/console/tip-offs/:tipId" class="grid card action" aria-label="{page.L("受理举报", "Receive a tip-off")}">
                  <h2>{page.L("受理举报", "Receive a tip-off")}</h2>
                  <p class="hint">{page.L("不登记举报人姓名和身份；举报人愿意领取奖励的，可留联系方式，台账加密保存，页面只显示部分号码。", "The informant's name and identity are not recorded; a contact left for a reward is kept sealed and shown only masked.")}</p>
                  <label>{page.L("被举报企业（已登记）", "Reported enterprise (registered)")}<select name="enterpriseId" data-type="uuid"><option value="">{page.L("未登记，填写名称", "Not registered: name it")}</option>{Join(found.Items.Select(e => H($"<option value=\"{e.EnterpriseId}\" translate=\"no\">{e.Name}</option>")))}</select></label>
                  <label>{page.L("未登记单位名称", "Name of an unregistered unit")}<input name="enterpriseName" maxlength="200"></label>
                  <label>{page.L("举报事项", "Subject")}<select name="subject">{Options(Enum.GetValues<TipSubject>(), EnforcementNames.Subject, page)}</select></label>
                  <label>{page.L("渠道", "Channel")}<select name="channel">{Options(Enum.GetValues<TipChannel>(), EnforcementNames.Channel, page)}</select></label>
                  <label>{page.L("举报内容", "Allegation")}<textarea name="allegation" maxlength="2000" required></textarea></label>
                  <label>{page.L("受理日期", "Received on")}<input {DateInput(page)} name="receivedOn" value="{Date(clock.Today())}" required></label>
                  <label>{page.L("举报人联系方式（选填，用于发放奖励）", "Informant's contact (optional, for a reward)")}<input name="informantContact" maxlength="60" autocomplete="off"></label>
                  <button type="submit">{page.L("受理", "Receive")}</button>
                  {Error}
                </form>
                """);
            return page.Render(page.L("举报受理", "Tip-offs"), H($"""
                <form method="get" class="search filters">
                  <label for="jurisdiction">{page.L("辖区", "Jurisdiction")}</label>{JurisdictionSelect(page, "jurisdiction", jurisdiction)}
                  <label for="open">{page.L("范围", "Show")}</label>
                  <select id="open" name="open">{Option("false", page.L("全部", "All"), openOnly ? "true" : "false")}{Option("true", page.L("待查证或待奖励", "Awaiting verification or reward"), openOnly ? "true" : "false")}</select>
                  <button type="submit">{page.L("查询", "Show")}</button>
                </form>
                <section class="card">
                  <p class="summary-line">{page.L("符合条件", "Matching")}: <strong id="register-total">{tips.Count}</strong></p>
                  <p class="exports"><a href="{http.Request.Path}?{query}{(query.Length == 0 ? "" : "&")}format=csv" data-download>{page.L("导出 CSV", "Export CSV")}</a></p>
                  {list}
                  {Pager(page, window.Page, RegisterPages.PageSize, tips.Count)}
                </section>
                {receive}
                """));
        });

    [ActorRoles(ActorRole.Regulator)]
    public static Task<IResult> Tip(Guid tipId, HttpContext http, IQuerySession session, PolicyCatalog policies, IClock clock, CancellationToken ct) =>
        ConsoleErrors.PageAsync(http, async page =>
        {
            var actor = ActorMiddleware.Required(http);
            var tip = await EnforcementEndpoints.VisibleTipAsync(session, tipId, actor, policies, ct);
            var today = Date(clock.Today());
            var facts = H($"""
                <dl class="facts">
                  {Field(page.L("被举报单位", "Reported unit"), tip.EnterpriseName)}
                  {Field(page.L("辖区", "Jurisdiction"), page.Named(DisplayNames.Jurisdiction(tip.Jurisdiction), tip.Jurisdiction))}
                  {Field(page.L("举报事项", "Subject"), page.N(EnforcementNames.Subject(tip.Subject)))}
                  {Field(page.L("举报内容", "Allegation"), tip.Allegation)}
                  {Field(page.L("渠道", "Channel"), page.N(EnforcementNames.Channel(tip.Channel)))}
                  {Field(page.L("受理日期", "Received on"), Date(tip.ReceivedOn))}
                  {Field(page.L("举报人联系方式", "Informant's contact"), tip.InformantContactMasked is null ? H($"{page.L("未留", "None left")}") : ConsolePage.Ident(tip.InformantContactMasked))}
                  {Field(page.L("查证", "Verification"), page.N(EnforcementNames.Verification(tip.Substantiated, tip.RewardedOn is not null)) + (tip.VerificationFinding is { } f ? "：" + f : ""))}
                  {When(tip.VerifiedByInspection is not null, Field(page.L("查证检查", "Verified by"), H($"<a href=\"/console/inspections/{tip.VerifiedByInspection}\">{page.L("执法检查", "Inspection")}</a>")))}
                  {When(tip.RewardAmount is not null, Field(page.L("奖励", "Reward"), $"{Money(tip.RewardAmount ?? 0)} · {tip.RewardReference} · {Date(tip.RewardedOn)}"))}
                </dl>
                """);
            Html form = Empty;
            if (tip.Substantiated is null)
            {
                var inspections = tip.EnterpriseId is { } e ? await session.Query<Inspection>().Where(i => i.EnterpriseId == e).OrderByDescending(i => i.InspectedOn).Take(20).ToListAsync(ct) : [];
                form = H($"""
                    <form data-api="POST /api/tip-offs/{tip.Id}/verifications" class="grid card action" aria-label="{page.L("查证", "Verify")}">
                      <h2>{page.L("查证", "Verify")}</h2>
                      <input type="hidden" name="version" value="{tip.Version}" data-type="int">
                      <label>{page.L("查证结论", "Outcome")}<select name="substantiated" data-type="bool"><option value="true">{page.L("经查证属实", "Verified true")}</option><option value="false">{page.L("经查不属实", "Not borne out")}</option></select></label>
                      <label>{page.L("查证情况", "Finding")}<textarea name="finding" maxlength="1000" required></textarea></label>
                      <label>{page.L("查证所依的执法检查", "Inspection that verified it")}<select name="inspectionId"><option value="">{page.L("无", "None")}</option>{Join(inspections.Select(i => H($"<option value=\"{i.Id}\" translate=\"no\">{Date(i.InspectedOn)} · {i.Reason}</option>")))}</select></label>
                      <label>{page.L("查证日期", "Verified on")}<input {DateInput(page)} name="verifiedOn" value="{today}" required></label>
                      <button type="submit">{page.L("记录查证", "Record verification")}</button>
                      {Error}
                    </form>
                    """);
            }
            else if (tip.Substantiated == true && tip.RewardedOn is null)
                form = H($"""
                    <form data-api="POST /api/tip-offs/{tip.Id}/rewards" class="grid card action" aria-label="{page.L("举报奖励", "Reward")}">
                      <h2>{page.L("经查证属实，按规定给予举报奖励", "Reward the verified tip-off")}</h2>
                      <input type="hidden" name="version" value="{tip.Version}" data-type="int">
                      <label>{page.L("奖励金额（元）", "Amount (CNY)")}<input name="amount" data-type="number" inputmode="decimal" required></label>
                      <label>{page.L("发放凭证号", "Payment reference")}<input name="paymentReference" maxlength="60" required></label>
                      <label>{page.L("发放日期", "Granted on")}<input {DateInput(page)} name="grantedOn" value="{today}" required></label>
                      <label>{page.L("奖励依据", "Reason")}<input name="reason" maxlength="500" required></label>
                      <button type="submit">{page.L("记录奖励", "Record reward")}</button>
                      {Error}
                    </form>
                    """);
            return page.Render(page.L("举报", "Tip-off") + " · " + tip.EnterpriseName, H($"""<section class="card">{facts}</section>{form}"""));
        });
}
