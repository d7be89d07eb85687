using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Persons;
using Ledger.Domain.Actors;
using Ledger.Domain.Catalogue;
using Ledger.Domain.Obligations;
using Ledger.Domain.Policies;
using Ledger.Projections.Persons;
using Marten;
using NodaTime;
using NodaTime.Text;
using static Ledger.Api.WebConsole.Components;
using static Ledger.Api.WebConsole.Html;

namespace Ledger.Api.WebConsole;

/// <summary>一人一档: the person file exactly as GET /api/persons/{id} answers it (ID number masked there), as of a chosen day.</summary>
public static class PersonPages
{
    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.TrainingInstitution, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static Task<IResult> Search(HttpContext http) => ConsoleErrors.PageAsync(http, page => Task.FromResult(page.Render(page.L("一人一档", "Person files"), H($"""
        {When(page.Is(PersonForms.Registrars), H($"<p><a class=\"button\" href=\"/console/persons/new\">{(page.Is(ActorRole.Enterprise) ? page.L("入职登记", "Hire a worker") : page.L("人员登记", "Register a person"))}</a></p>"))}
        {ByName(page)}
        <section class="card">
          <h2>{page.L("按身份证号查找", "Find by resident ID number")}</h2>
          <p class="hint">{page.L("身份证号只在请求正文中发送，不会出现在网址或日志中。", "The ID number is sent in the request body only, never in a URL or log.")}</p>
          <form data-api="POST /api/persons/search" data-then="/console/persons/:personId" class="search" autocomplete="off">
            <label for="idNumber">{page.L("身份证号", "Resident ID number")}</label>
            <input id="idNumber" name="idNumber" required maxlength="18" inputmode="text" autocomplete="off" autofocus>
            <button type="submit">{page.L("查找", "Find")}</button>
            <div class="form-error" role="alert" hidden></div>
          </form>
        </section>
        """))));

    /// <summary>
    /// Name and the last four characters of the ID number, for the bureaus that read every file (POST /api/persons/search-by-name):
    /// posted, so neither travels in a URL; the matches are masked.
    /// </summary>
    private static Html ByName(ConsolePage page, string? name = null)
    {
        if (!page.Is(ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau)) return Empty;
        var csrf = page.Http.RequestServices.GetRequiredService<ConsoleAntiforgery>().TokenFor(page.Http) ?? "";
        return H($"""
            <section class="card">
              <h2>{page.L("按姓名和身份证号后四位查找", "Find by name and the last four characters of the ID number")}</h2>
              <form method="post" action="/console/persons/found" class="search" autocomplete="off">
                <input type="hidden" name="{ConsoleRequestForgeryGuard.FormField}" value="{csrf}">
                <label for="name">{page.L("姓名", "Name")}</label><input id="name" name="name" required maxlength="50" value="{name ?? ""}">
                <label for="idNumberLast">{page.L("身份证号后四位", "Last four of the ID number")}</label>
                <input id="idNumberLast" name="idNumberLast" required maxlength="4" minlength="4" {Raw("pattern=\"[0-9]{3}[0-9Xx]\"")} inputmode="text">
                <button type="submit">{page.L("查找", "Find")}</button>
              </form>
            </section>
            """);
    }

    [ActorRoles(ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau)]
    public static Task<IResult> FindByName(HttpContext http, IQuerySession session, CancellationToken ct) => ConsoleErrors.PageAsync(http, async page =>
    {
        // Posted by the page's form only; anything else is told what the search needs, as a page.
        if (!http.Request.HasFormContentType)
            throw new RequestValidationException(new Dictionary<string, string[]> { ["name"] = ["is required"], ["idNumberLast"] = ["is required: the last 4 characters of the ID number"] });
        var form = await http.Request.ReadFormAsync(ct);
        var name = form["name"].ToString();
        var matches = await Ledger.Api.Search.SearchEndpoints.Persons(new Ledger.Api.Search.FindPersonsByNameRequest(name, form["idNumberLast"].ToString()), session, ct);
        var rows = matches.Select(m => new[]
        {
            H($"<a href=\"/console/persons/{m.PersonId}\">{m.Name}</a>"), H($"{m.IdNumberMasked}"), H($"{(m.Employers.Count == 0 ? "—" : string.Join(page.L("、", ", "), m.Employers))}"),
        });
        return page.Render(page.L("一人一档", "Person files"), H($"""
            {ByName(page, name)}
            <section class="card">
              <h2>{page.L("查找结果", "Matches")} <span class="muted">({matches.Count})</span></h2>
              {(matches.Count == 0 ? H($"<p class=\"empty\">{page.L("没有相符的人员。请核对姓名和身份证号后四位，或按完整身份证号查找。", "No one matches: check the name and the digits, or find by the full ID number.")}</p>")
                  : Table([page.L("姓名", "Name"), page.L("身份证号（脱敏）", "ID number (masked)"), page.L("现任职单位", "Current employers")], rows, "person-matches"))}
            </section>
            <p><a href="/console/persons">{page.L("按身份证号查找", "Find by ID number")}</a></p>
            """));
    });

    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.TrainingInstitution, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static Task<IResult> File(Guid personId, string? asOf, string? reason, HttpContext http, IQuerySession session, PolicyCatalog policies, IClock clock,
        IDocumentStore store, CancellationToken ct) =>
        ConsoleErrors.PageAsync(http, async page =>
        {
            var title = page.L("一人一档", "Person file");
            var day = string.IsNullOrWhiteSpace(asOf) ? (LocalDate?)null : RequestValidation.IsDate(asOf) ? RequestValidation.Date(asOf)
                : throw new RequestValidationException(new Dictionary<string, string[]> { ["asOf"] = [RequestValidation.DateMessage] });
            var reasonField = page.Is(ActorRole.Auditor)
                ? H($"""<label for="reason">{page.L("查阅事由（审计必填，将记录在案）", "Reason for reading (required of auditors, and recorded)")}</label><input id="reason" name="reason" value="{reason ?? ""}" required maxlength="500">""")
                : Empty;
            var picker = H($"""
                <form method="get" class="search asof">
                  <label for="asOf">{page.L("截至日期（当日台账所知）", "As of (what the ledger knew that day)")}</label>
                  <input id="asOf" name="asOf" {DateInput(page)} value="{(day is { } d ? Date(d) : "")}">
                  {reasonField}
                  <button type="submit">{page.L("查看", "Show")}</button>
                </form>
                """);
            // The console's reason form (AuditorReadMiddleware) has asked for the session's reason; a reason given here overrides it.
            if (page.Is(ActorRole.Auditor) && !AuditorReadLog.HasReason(http))
                return page.Render(title, H($"""{picker}<p class="notice">{page.L("审计查阅个人档案须说明事由，事由会被记录。", "An auditor names a reason before reading a person file; the read is recorded with it.")}</p>"""));

            // "As of a day" is the end of that day in China: the file as recorded by then, statuses on that day.
            var instant = day?.PlusDays(1).AtStartOfDayInZone(LedgerClock.China).ToInstant().Minus(Duration.FromSeconds(1));
            var file = Value<PersonFile>(await GetPersonFileEndpoint.Get(personId, instant is { } i ? InstantPattern.ExtendedIso.Format(i) : null,
                day is { } on ? Date(on) : null, session, policies, clock, http, store, null, ct));
            var body = H($"""
                {picker}
                <section class="card">
                  <h2>{file.Name} <span class="muted">{file.IdNumberMasked}</span></h2>
                  <dl class="facts">
                    {Field(page.L("身份证号（脱敏）", "ID number (masked)"), file.IdNumberMasked)}
                    {Field(page.L("出生日期", "Born"), Date(file.BirthDate))}
                    {Field(page.L("学历", "Education"), page.N(DisplayNames.Education(file.Education)))}
                    {Field(page.L("户籍", "Household registration"), page.N(DisplayNames.Jurisdiction(file.HukouDistrict)))}
                    {Field(page.L("手机（脱敏）", "Mobile (masked)"), file.MobileMasked)}
                    {Field(page.L("状态日期", "Statuses on"), Date(file.StatusOn))}
                  </dl>
                </section>
                {Section(page, page.L("特种作业操作证", "Certificates"), Table(
                    [page.L("编号", "Number"), page.L("工种", "Work type"), page.L("发证", "Issued"), page.L("有效至", "Valid until"), page.L("下次复审", "Next review"), page.L("状态", "Status")],
                    file.Certificates.Select(c => new[] { LinkIf(page, c.Number), page.Named(DisplayNames.KindAndWorkType(c.Kind, c.WorkType), c.WorkType ?? c.Kind), H($"{c.IssuedOn}"), H($"{c.ValidUntil}"), H($"{c.NextReviewDue}"), Status(page, c.Status) })))}
                {Section(page, page.L("从业经历", "Employment"), Table(
                    [page.L("单位", "Enterprise"), page.L("辖区", "Jurisdiction"), page.L("岗位", "Post"), page.L("入职", "Hired"), page.L("离职", "Ended")],
                    file.Employments.Select(e => new[] { EnterpriseLink(page, e.EnterpriseId, e.EnterpriseName), page.Named(DisplayNames.Jurisdiction(e.Jurisdiction), e.Jurisdiction),
                        H($"{e.Assignment.Post}{(e.Assignment.KeyPost ? page.L(" · 关键岗位", " · key post") : "")}{(e.Assignment.TeamLeader ? page.L(" · 班组长", " · team leader") : "")}"),
                        H($"{e.HiredOn}"), H($"{e.EndedOn}") })))}
                <div class="columns">
                {Section(page, page.L("培训学时", "Training hours"), H($"""
                    <p class="big">{file.Training.TotalHours} {page.L("学时", "hours")}</p>
                    {Table([page.L("类别", "Kind"), page.L("学时", "Hours")], file.Training.ByKind.Select(k => new[] { page.Named(DisplayNames.Training(k.Key), k.Key), H($"{k.Value}") }))}
                    """))}
                {Section(page, page.L("考核", "Assessments"), Table(
                    [page.L("日期", "Date"), page.L("类别", "Kind"), page.L("工种/岗位", "Work type / post"), page.L("理论", "Theory"), page.L("实操", "Practical"), page.L("结果", "Result")],
                    file.Assessments.Select(a => new[] { H($"{a.AssessedOn}"), H($"{page.N(DisplayNames.Assessment(a.Kind))}"), a.WorkType is { } wt ? page.Named(DisplayNames.WorkType(wt), wt) : H($"{a.Post}"), H($"{a.TheoryScore}/{a.TheoryPassMark}"),
                        H($"{(a.PracticalScore.HasValue ? $"{a.PracticalScore}/{a.PracticalPassMark}" : "—")}"), a.Passed ? Badge(page.L("合格", "Passed"), "ok") : Badge(page.L("不合格", "Failed"), "bad") })))}
                </div>
                {Section(page, page.L("培训与持证义务", "Obligations"), Obligations(page, file.Obligations))}
                {Section(page, page.L("补贴申领", "Subsidies"), Table(
                    [page.L("申请", "Claim"), page.L("企业", "Enterprise"), page.L("证书", "Certificate"), page.L("类别", "Kind"), page.L("阶段", "Stage"), page.L("应补", "Entitled"), page.L("已发", "Paid"), page.L("发现", "Findings")],
                    file.SubsidyClaims.Select(c => new[] { H($"<a href=\"/console/claims/{c.ClaimId}\">{c.ApplicationDate} #{c.LineNo}</a>"), H($"{c.EnterpriseName}"), ConsolePage.Ident(c.CertificateNumber),
                        H($"{page.N(DisplayNames.Subsidy(c.Kind))}"), H($"{ClaimPages.StageName(page, c.Stage)}"), H($"{Money(c.EntitledAmount)}"), H($"{Money(c.PaidAmount)}"), RuleList(page, c.Flags) })))}
                {PersonForms.OnFile(page, file, clock.Today())}
                <section class="card"><h2>{page.L("档案时间线", "Timeline")}</h2>{Timeline(page, file.Timeline)}</section>
                """);
            return page.Render(title + " · " + file.Name, body);
        });

    private static Html LinkIf(ConsolePage page, string number) =>
        page.Is(ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)
            ? H($"<a href=\"/console/certificates?number={Uri.EscapeDataString(number)}\">{ConsolePage.Ident(number)}</a>")
            : ConsolePage.Ident(number);

    private static Html EnterpriseLink(ConsolePage page, Guid enterpriseId, string name) =>
        page.Is(ActorRole.Regulator, ActorRole.HrBureau, ActorRole.Auditor) || page.Actor?.EnterpriseId == enterpriseId
            ? H($"<a href=\"/console/enterprises/{enterpriseId}\">{name}</a>")
            : H($"{name}");

    public static Html Section(ConsolePage page, string title, Html content) => H($"<section class=\"card\"><h2>{title}</h2>{content}</section>");

    public static Html Table(string[] headers, IEnumerable<Html[]> rows, string? id = null)
    {
        var body = rows.Select(r => H($"<tr>{Join(r.Select(c => H($"<td>{c}</td>")))}</tr>")).ToList();
        if (body.Count == 0) return H($"<p class=\"empty\">—</p>");
        return H($"""<div class="table-wrap"><table{Raw(id is null ? "" : $" id=\"{id}\"")}><thead><tr>{Join(headers.Select(h => H($"<th scope=\"col\">{h}</th>")))}</tr></thead><tbody>{body}</tbody></table></div>""");
    }

    public static Html Obligations(ConsolePage page, IEnumerable<Obligation> obligations) => Table(
        [page.L("规则", "Rule"), page.L("义务", "Obligation"), page.L("单位", "Enterprise"), page.L("起始", "Since"), page.L("期限", "Deadline"), page.L("状态", "Status"), page.L("说明", "Detail")],
        obligations.OrderByDescending(o => o.Status).Select(o => new[]
        {
            RuleName(page, o.RuleId), page.Named(DisplayNames.ObligationKind(o.Kind), o.Kind), H($"{o.Enterprise ?? "—"}"), H($"{o.Since}"), H($"{o.Deadline}"), ObligationStatusBadge(page, o.Status), H($"{page.N(ProblemTexts.Obligation(o))}"),
        }));

    public static Html ObligationStatusBadge(ConsolePage page, ObligationStatus status) =>
        Badge(page.N(DisplayNames.Obligation(status)), status switch { ObligationStatus.Breached => "bad", ObligationStatus.Open => "warn", _ => "ok" });

    /// <summary>A rule by its title, the id beside it for whoever cites it (officials quote rule numbers in their papers).</summary>
    public static Html RuleName(ConsolePage page, string ruleId)
    {
        var rule = DisplayNames.Rule(ruleId);
        return H($"<span class=\"rule\" title=\"{page.L(rule.TitleZh, rule.TitleEn)}\">{page.L(rule.TitleZh, rule.TitleEn)} <small class=\"ident\" translate=\"no\">{ruleId}</small></span>");
    }

    public static Html RuleList(ConsolePage page, IEnumerable<string> ruleIds)
    {
        var list = ruleIds.ToList();
        return list.Count == 0 ? H($"—") : H($"<ul class=\"flags\">{Join(list.Select(r => H($"<li>{RuleName(page, r)}</li>")))}</ul>");
    }
}
