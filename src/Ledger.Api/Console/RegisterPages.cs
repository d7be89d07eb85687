using System.Globalization;
using Ledger.Api.Access;
using Ledger.Api.Certificates;
using Ledger.Api.Claims;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Obligations;
using Ledger.Api.Search;
using Ledger.Domain;
using Ledger.Domain.Actors;
using Ledger.Domain.Catalogue;
using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Policies;
using Ledger.Projections.Certificates;
using Marten;
using NodaTime;
using static Ledger.Api.WebConsole.Components;
using static Ledger.Api.WebConsole.Html;

namespace Ledger.Api.WebConsole;

/// <summary>
/// The regulators' and bureaus' registers as pages: forgery leads, issuance-deadline breaches, institution anomalies, the
/// clawback queue with its recovery actions, and obligations breached by enterprise. Each page reads through the JSON
/// endpoint's own register (the same scope and filters), shows one page of it, and exports what the filters select as CSV
/// or XLSX with Chinese headers and names (?format=csv|xlsx). ID-shaped certificate numbers stay masked everywhere.
/// </summary>
public static class RegisterPages
{
    public const int PageSize = SearchEndpoints.DefaultPageSize;

    public sealed record Register(string Path, string Zh, string En, string DescriptionZh, string DescriptionEn, ActorRole[] Roles);

    // The roles are the JSON endpoint's: a register is listed only where its page would answer.
    public static readonly Register[] All =
    [
        new("/console/registers/forgeries", "假证线索", "Forgery leads", "匿名核验中未知的证书编号、姓名不符和举报的假证。",
            "Unknown numbers, name mismatches and reported forgeries from public checks.", [ActorRole.Regulator, ActorRole.Auditor]),
        new("/console/registers/deadline-breaches", "发证期限超时", "Issuance-deadline breaches", "考试合格后未在规定工作日内发证或换证的证书。",
            "Certificates issued or renewed later than the working days the document allows.", [ActorRole.Regulator, ActorRole.Auditor]),
        new("/console/registers/institution-anomalies", "培训机构异常", "Institution anomalies", "超出备案培训能力取证、考核通过率明显偏离的培训机构。",
            "Institutions certifying beyond their filed capacity, or with pass rates far from the others'.",
            [ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor]),
        new("/console/registers/clawbacks", "待追回补贴", "Clawback queue", "已发放但之后发现证书被吊销、暂扣等问题的补贴，以及待退回的追回款。",
            "Paid lines a later finding calls into question, and recoveries still to be repaid.",
            [ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor]),
        new("/console/registers/obligations", "企业违规", "Breaches by enterprise", "按企业列出从业人员培训、持证义务的违规情况。",
            "Each enterprise's employees in breach of a training or certificate obligation.", [ActorRole.Regulator, ActorRole.HrBureau, ActorRole.Auditor]),
        new("/console/registers/reviews-due", "复审提醒", "Reviews due", "30、60、90 天内到期复审的有效证书。",
            "Valid certificates whose review falls due within 30, 60 or 90 days.", [ActorRole.Regulator, ActorRole.Enterprise, ActorRole.Auditor]),
    ];

    public static readonly ActorRole[] AnyRegisterRoles = [.. All.SelectMany(r => r.Roles).Distinct()];

    public static void Map(RouteGroupBuilder console)
    {
        console.MapGet("/registers", (Func<HttpContext, Task<IResult>>)Index);
        console.MapGet("/registers/forgeries", Forgeries);
        console.MapGet("/registers/deadline-breaches", DeadlineBreaches);
        console.MapGet("/registers/institution-anomalies", InstitutionAnomalies);
        console.MapGet("/registers/clawbacks", Clawbacks);
        console.MapGet("/registers/obligations", Obligations);
        console.MapGet("/registers/reviews-due", ReviewsDue);
    }

    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static Task<IResult> Index(HttpContext http) => ConsoleErrors.PageAsync(http, page =>
    {
        var cards = Join(All.Where(r => page.Is(r.Roles)).Select(r => H($"""
            <li class="card"><a href="{r.Path}"><h2>{page.L(r.Zh, r.En)}</h2></a><p>{page.L(r.DescriptionZh, r.DescriptionEn)}</p></li>
            """)));
        return Task.FromResult(page.Render(page.L("登记簿", "Registers"), H($"<ul class=\"cards\">{cards}</ul>")));
    });

    // ---- forgery leads ----

    [ActorRoles(ActorRole.Regulator, ActorRole.Auditor)]
    public static Task<IResult> Forgeries(string? jurisdiction, string? lead, string? format, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")] int? pageNumber,
        HttpContext http, IQuerySession session, IDocumentStore store, PolicyCatalog policies, CancellationToken ct) =>
        ConsoleErrors.PageAsync(http, async page =>
        {
            var rows = ReadCertificateEndpoints.ForgeryRegister(jurisdiction, lead, session, store, policies, http);
            string LeadName(string code) => code switch
            {
                "reported" => page.L("有举报", "Reported"),
                "name-mismatch" => page.L("姓名不符", "Name mismatch"),
                _ => page.L("编号不存在", "Unknown number"),
            };
            (string Zh, string En)[] cols = [("证书编号", "Number"), ("编号不存在次数", "Unknown-number checks"), ("姓名不符次数", "Name mismatches"),
                ("举报次数", "Reports"), ("最近查询", "Last checked"), ("最近举报", "Latest report")];
            var headers = cols.Select(c => page.L(c.Zh, c.En)).ToArray();
            object?[] Export(ForgeryWatchEntry e) => [e.Number, e.UnknownChecks, e.NameMismatches, e.Reports.Count, e.LastCheckedAt?.InZone(LedgerClock.China).Date,
                e.Reports.LastOrDefault() is { } r ? $"{Date(r.ReportedOn)} {r.WhereFound} {r.Reason}".Trim() : null];
            if (ExportFormat(format) is { } f)
                return await ExportAsync(f, "假证线索", [.. cols.Select(c => c.Zh)], rows(ct), Export, ct);
            var (shown, total, number) = await PageOfAsync(rows(ct), pageNumber, ct);
            var table = PersonPages.Table(headers, shown.Select(e => new[]
            {
                ConsolePage.Ident(e.Number), H($"{e.UnknownChecks}"), H($"{e.NameMismatches}"), H($"{e.Reports.Count}"),
                H($"{(e.LastCheckedAt is { } at ? at.InZone(LedgerClock.China).ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—")}"),
                e.Reports.LastOrDefault() is { } r ? H($"{Date(r.ReportedOn)} · {r.WhereFound ?? "—"} · {r.Reason}") : H($"—"),
            }), "register");
            var filters = H($"""
                <label for="jurisdiction">{page.L("辖区", "Jurisdiction")}</label>{JurisdictionSelect(page, "jurisdiction", jurisdiction)}
                <label for="lead">{page.L("线索类型", "Lead")}</label>
                <select id="lead" name="lead"><option value="">{page.L("全部", "All")}</option>{Join(ReadCertificateEndpoints.LeadKinds.Select(k => Option(k, LeadName(k), lead)))}</select>
                """);
            // A report of a forged certificate seen in the field (举报假证, HLJ's 鼓励举报) is the regulator's to record.
            var report = !page.Is(ActorRole.Regulator) ? Empty : H($"""<section class="card actions">{Forms.Folded(page.L("登记假证举报", "Record a forgery report"), Forms.ApiForm("POST /api/forgery-reports",
                page.L("登记假证举报", "Record a forgery report"), H($"""
                {Forms.Text("number", page.L("证书编号", "Certificate number"), max: 40, extra: "autocomplete=\"off\"")}
                {Forms.Text("holderName", page.L("持证人姓名（选填）", "Holder's name (optional)"), required: false, max: 50)}
                {Forms.Text("whereFound", page.L("发现地点（选填）", "Where found (optional)"), required: false)}
                {Forms.Date(page, "reportedOn", page.L("举报日期", "Reported on"), Date(page.Http.RequestServices.GetRequiredService<NodaTime.IClock>().Today()))}
                {Forms.Text("reason", page.L("举报内容", "What was reported"), max: 500, css: "wide")}
                """), page.L("登记", "Record"), id: "forgery-report-form"))}</section>""");
            return page.Render(page.L("假证线索", "Forgery leads"), H($"{report}{Layout(page, filters, table, number, total)}"));
        });

    // ---- issuance-deadline breaches ----

    [ActorRoles(ActorRole.Regulator, ActorRole.Auditor)]
    public static Task<IResult> DeadlineBreaches(string? jurisdiction, string? workType, string? rule, string? format,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")] int? pageNumber, HttpContext http, IQuerySession session, IDocumentStore store, PolicyCatalog policies,
        CancellationToken ct) =>
        ConsoleErrors.PageAsync(http, async page =>
        {
            var rows = ReadCertificateEndpoints.BreachRegister(jurisdiction, workType, rule, session, store, policies, http);
            (string Zh, string En)[] cols = [("证书编号", "Number"), ("类别·工种", "Kind · work type"), ("发证机关", "Issued by"), ("发证日期", "Issued on"),
                ("超时情况", "Deadline breached")];
            var headers = cols.Select(c => page.L(c.Zh, c.En)).ToArray();
            string Breach(DeadlineCheck c, bool english) => english
                ? $"{DisplayNames.Rule(c.RuleId).TitleEn}: {c.WorkingDays} working days from {Date(c.From)} to {Date(c.To)} (limit {c.Limit})"
                : $"{DisplayNames.Rule(c.RuleId).TitleZh}：{Date(c.From)} 至 {Date(c.To)} 共 {c.WorkingDays} 个工作日（限 {c.Limit} 个）";
            object?[] Export(CertificateRegisterEntry e) => [CertificateNumber.Display(e.Number), DisplayNames.KindAndWorkType(e.Kind, e.WorkType).Zh, e.IssuingAuthority,
                e.IssuedOn, string.Join("；", e.DeadlineChecks.Where(c => c.Breached).Select(c => Breach(c, false)))];
            if (ExportFormat(format) is { } f)
                return await ExportAsync(f, "发证期限超时", [.. cols.Select(c => c.Zh)], rows(ct), Export, ct);
            var (shown, total, number) = await PageOfAsync(rows(ct), pageNumber, ct);
            var table = PersonPages.Table(headers, shown.Select(e =>
            {
                var shownNumber = CertificateNumber.Display(e.Number);
                // A number that is not ID-shaped links to its certificate; an ID-shaped one stays masked and out of the URL.
                var numberCell = shownNumber == e.Number
                    ? H($"<a href=\"/console/certificates?number={Uri.EscapeDataString(e.Number)}\">{ConsolePage.Ident(e.Number)}</a>")
                    : ConsolePage.Ident(shownNumber);
                return new[]
                {
                    numberCell, H($"{page.N(DisplayNames.KindAndWorkType(e.Kind, e.WorkType))}"), H($"{e.IssuingAuthority}"), H($"{Date(e.IssuedOn)}"),
                    H($"<ul class=\"flags\">{Join(e.DeadlineChecks.Where(c => c.Breached).Select(c => H($"<li>{Breach(c, page.English)} <small class=\"ident\" translate=\"no\">{c.RuleId}</small></li>")))}</ul>"),
                };
            }), "register");
            var filters = H($"""
                <label for="jurisdiction">{page.L("辖区", "Jurisdiction")}</label>{JurisdictionSelect(page, "jurisdiction", jurisdiction)}
                <label for="workType">{page.L("工种", "Work type")}</label>
                <select id="workType" name="workType"><option value="">{page.L("全部", "All")}</option>{ClaimSubmissionPage.WorkTypeOptions(page, workType)}</select>
                <label for="rule">{page.L("期限", "Deadline")}</label>
                <select id="rule" name="rule"><option value="">{page.L("全部", "All")}</option>{Join(ReadCertificateEndpoints.DeadlineRules.Select(r => Option(r, page.L(DisplayNames.Rule(r).TitleZh, DisplayNames.Rule(r).TitleEn), rule)))}</select>
                """);
            return page.Render(page.L("发证期限超时", "Issuance-deadline breaches"), Layout(page, filters, table, number, total));
        });

    // ---- institution anomalies ----

    [ActorRoles(ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static Task<IResult> InstitutionAnomalies(string? from, string? to, string? jurisdiction, string? rule, string? format,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")] int? pageNumber, HttpContext http, IQuerySession session, PolicyCatalog policies, IClock clock,
        CancellationToken ct) =>
        ConsoleErrors.PageAsync(http, async page =>
        {
            var today = clock.Today();
            from = string.IsNullOrWhiteSpace(from) ? Date(today.PlusYears(-1)) : from;
            to = string.IsNullOrWhiteSpace(to) ? Date(today) : to;
            var report = await InstitutionAnomalyEndpoint.Report(from, to, null, null, jurisdiction, rule, session, policies, http, ct);
            (string Zh, string En)[] cols = [("培训机构", "Institution"), ("异常类型", "Anomaly"), ("依据", "Evidence")];
            var headers = cols.Select(c => page.L(c.Zh, c.En)).ToArray();
            object?[] Export(Ledger.Domain.Institutions.InstitutionAnomaly a) => [a.InstitutionName, DisplayNames.Rule(a.RuleId).TitleZh + $"（{a.RuleId}）", DisplayNames.Rule(a.RuleId).NextZh];
            if (ExportFormat(format) is { } f)
                return await ExportAsync(f, "培训机构异常", [.. cols.Select(c => c.Zh)], report.Anomalies.ToAsyncEnumerable(), Export, ct);
            var (shown, total, number) = await PageOfAsync(report.Anomalies.ToAsyncEnumerable(), pageNumber, ct);
            var table = PersonPages.Table(headers, shown.Select(a => new[]
            {
                H($"{a.InstitutionName}"), PersonPages.RuleName(page, a.RuleId),
                // The evidence is the check's own sentence (English); in Chinese the rule's words say what was found.
                H($"{(page.English ? a.Evidence : DisplayNames.Rule(a.RuleId).NextZh)}"),
            }), "register");
            var filters = H($"""
                <label for="from">{page.L("自", "From")}</label><input id="from" name="from" {DateInput(page)} value="{from}">
                <label for="to">{page.L("至", "until")}</label><input id="to" name="to" {DateInput(page)} value="{to}">
                <label for="jurisdiction">{page.L("辖区", "Jurisdiction")}</label>{JurisdictionSelect(page, "jurisdiction", jurisdiction)}
                <label for="rule">{page.L("异常类型", "Anomaly")}</label>
                <select id="rule" name="rule"><option value="">{page.L("全部", "All")}</option>{Join(InstitutionAnomalyEndpoint.AnomalyRules.Select(r => Option(r, page.L(DisplayNames.Rule(r).TitleZh, DisplayNames.Rule(r).TitleEn), rule)))}</select>
                """);
            return page.Render(page.L("培训机构异常", "Institution anomalies"), Layout(page, filters, table, number, total));
        });

    // ---- the clawback queue and its recovery actions ----

    [ActorRoles(ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static Task<IResult> Clawbacks(string? jurisdiction, string? enterprise, string? format, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")] int? pageNumber,
        HttpContext http, IQuerySession session, PolicyCatalog policies, IClock clock, CancellationToken ct) =>
        ConsoleErrors.PageAsync(http, async page =>
        {
            var queue = await ClaimReportEndpoints.ClawbackRegister(jurisdiction, enterprise, http, session, policies, ct);
            (string Zh, string En)[] cols = [("企业", "Enterprise"), ("辖区", "Jurisdiction"), ("申请名单行", "Claim line"), ("证书编号", "Certificate"),
                ("发放日期", "Paid on"), ("支付凭证", "Payment"), ("已发金额", "Paid"), ("之后的核查发现", "Later findings")];
            var headers = cols.Select(c => page.L(c.Zh, c.En)).ToArray();
            object?[] Export(ClawbackCandidate c) => [c.EnterpriseName, DisplayNames.Jurisdiction(c.Jurisdiction).Zh, c.LineNo, c.CertificateNumber, c.PaidOn, c.PaymentReference,
                c.PaidAmount, string.Join("；", c.Flags.Select(f => $"{DisplayNames.Rule(f.RuleId).TitleZh}（{f.RuleId}）"))];
            if (ExportFormat(format) is { } f)
                return await ExportAsync(f, "待追回补贴", [.. cols.Select(c => c.Zh)], queue.ToAsyncEnumerable(), Export, ct);
            var (shown, total, number) = await PageOfAsync(queue.ToAsyncEnumerable(), pageNumber, ct);
            // Ordering and repaying a recovery are the API's own writes (POST …/clawbacks, …/clawback-repayments), with a reason; an auditor only reads.
            var acts = page.Is(ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau);
            var today = Date(clock.Today());
            var table = PersonPages.Table([.. headers, .. acts ? new[] { page.L("追回", "Recover") } : []], shown.Select(c => new[]
            {
                H($"{c.EnterpriseName}"), page.Named(DisplayNames.Jurisdiction(c.Jurisdiction), c.Jurisdiction), H($"<a href=\"/console/claims/{c.ClaimId}\">{page.L($"第 {c.LineNo} 行", $"line {c.LineNo}")}</a>"),
                ConsolePage.Ident(c.CertificateNumber), H($"{Date(c.PaidOn)}"), ConsolePage.Ident(c.PaymentReference), H($"{Money(c.PaidAmount)}"),
                PersonPages.RuleList(page, c.Flags.Select(f => f.RuleId).Distinct()),
            }.Concat(acts ? [H($"""
                <form data-api="POST /api/claims/{c.ClaimId}/clawbacks" class="grid action clawback" aria-label="{page.L("下达追回", "Order a clawback")}">
                  <input type="hidden" name="version" value="{c.Version}" data-type="int">
                  <input type="hidden" name="lineNos.0" value="{c.LineNo}" data-type="int">
                  {Join(c.Flags.Select(f => f.RuleId).Distinct().Select((r, i) => H($"<input type=\"hidden\" name=\"ruleIds.{i}\" value=\"{r}\">")))}
                  <label>{page.L("追回理由", "Reason")}<input name="reason" required maxlength="500"></label>
                  <label>{page.L("日期", "On")}<input {DateInput(page)} name="on" value="{today}" required></label>
                  <button type="submit">{page.L("下达追回", "Order clawback")}</button>
                  <div class="form-error" role="alert" hidden></div>
                </form>
                """)] : []).ToArray()), "register");

            // Recoveries ordered and not yet repaid in full: the repayment is recorded against the claim's remaining balance.
            var open = (await OutstandingAsync(jurisdiction, enterprise, http, session, policies, ct)).ToList();
            var repayments = PersonPages.Table([page.L("企业", "Enterprise"), page.L("追回", "Ordered"), page.L("已退回", "Repaid"), page.L("待退回", "Outstanding"),
                .. acts ? new[] { page.L("登记退回", "Record repayment") } : []], open.Select(c =>
            {
                var outstanding = c.ClawedBack - c.Clawbacks.Sum(b => b.Repaid);
                return new[]
                {
                    H($"<a href=\"/console/claims/{c.Id}\">{c.Form.EnterpriseName}</a>"), H($"{Money(c.ClawedBack)}"), H($"{Money(c.Clawbacks.Sum(b => b.Repaid))}"), H($"{Money(outstanding)}"),
                }.Concat(acts ? [H($"""
                    <form data-api="POST /api/claims/{c.Id}/clawback-repayments" class="grid action repayment" aria-label="{page.L("登记退回", "Record repayment")}">
                      <input type="hidden" name="version" value="{c.Version}" data-type="int">
                      <label>{page.L("退回金额", "Amount")}<input name="amount" required data-type="number" inputmode="decimal" value="{outstanding.ToString(CultureInfo.InvariantCulture)}"></label>
                      <label>{page.L("退回凭证号", "Reference")}<input name="reference" required maxlength="64"></label>
                      <label>{page.L("日期", "On")}<input {DateInput(page)} name="on" value="{today}" required></label>
                      <button type="submit">{page.L("登记退回", "Record repayment")}</button>
                      <div class="form-error" role="alert" hidden></div>
                    </form>
                    """)] : []).ToArray();
            }), "repayments");
            var filters = H($"""
                <label for="jurisdiction">{page.L("辖区", "Jurisdiction")}</label>{JurisdictionSelect(page, "jurisdiction", jurisdiction)}
                <label for="enterprise">{page.L("企业名称或信用代码", "Enterprise name or credit code")}</label><input id="enterprise" name="enterprise" maxlength="100" value="{enterprise}">
                """);
            return page.Render(page.L("待追回补贴", "Clawback queue"), H($"""
                {Layout(page, filters, table, number, total)}
                <section class="card"><h2>{page.L("待退回的追回款", "Recoveries still to be repaid")}</h2>{repayments}</section>
                """));
        });

    private static async Task<IEnumerable<Claim>> OutstandingAsync(string? jurisdiction, string? enterprise, HttpContext http, IQuerySession session, PolicyCatalog policies,
        CancellationToken ct)
    {
        var list = Scope.ListJurisdiction(ActorMiddleware.Required(http), policies, jurisdiction);
        var query = session.Query<Claim>().Where(c => (c.Stage == ClaimStage.Disbursed || c.Stage == ClaimStage.Reconciled) && c.Clawbacks.Any());
        var text = string.IsNullOrWhiteSpace(enterprise) ? null : enterprise.Trim();
        if (text is not null) query = query.Where(c => c.Form.EnterpriseName.Contains(text) || c.Form.EnterpriseCreditCode == text.ToUpperInvariant());
        var claims = await query.Take(500).ToListAsync(ct);
        return claims.Where(c => list is null || list == Scope.National || policies.IsWithin(c.Form.Jurisdiction, list))
            .Where(c => c.Clawbacks.Sum(b => b.Amount - b.Repaid) > 0).OrderBy(c => c.PaidOn);
    }

    // ---- obligations breached, by enterprise ----

    [ActorRoles(ActorRole.Regulator, ActorRole.HrBureau, ActorRole.Auditor)]
    public static Task<IResult> Obligations(string? q, string? jurisdiction, string? format, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")] int? pageNumber,
        HttpContext http, IQuerySession session, PolicyCatalog policies, IndustryCatalog industries, StreamIdentity ids, IClock clock, CancellationToken ct) =>
        ConsoleErrors.PageAsync(http, async page =>
        {
            // Obligations are judged from each person's file on the day (no stored register): a page of enterprises at a time,
            // each judged as its compliance page judges it. An export is the page shown, at most 100 enterprises.
            var exporting = ExportFormat(format);
            var enterprises = await SearchEndpoints.Enterprises(q, jurisdiction, pageNumber, exporting is null ? PageSize : SearchEndpoints.MaxPageSize, http, session, policies, ct);
            var rows = new List<(EnterpriseListEntry Enterprise, EnterpriseComplianceView View)>();
            foreach (var e in enterprises.Items)
                rows.Add((e, await ObligationEndpoints.Enterprise(e.EnterpriseId, null, null, session, policies, industries, ids, clock, ct)));
            (string Zh, string En)[] cols = [("企业", "Enterprise"), ("辖区", "Jurisdiction"), ("从业人员", "Employees"), ("有违规的人员", "Employees in breach"),
                ("人员违规", "Breaches"), ("企业义务违规", "Enterprise obligations breached"), ("违规规则", "Rules breached")];
            var headers = cols.Select(c => page.L(c.Zh, c.En)).ToArray();
            static IEnumerable<string> Rules(EnterpriseComplianceView v) => v.Persons.SelectMany(p => p.Breaches).Concat(v.EnterpriseObligations.Where(o => o.Status == Ledger.Domain.Obligations.ObligationStatus.Breached))
                .Select(o => o.RuleId).Distinct().Order(StringComparer.Ordinal);
            static int EnterpriseBreaches(EnterpriseComplianceView v) => v.EnterpriseObligations.Count(o => o.Status == Ledger.Domain.Obligations.ObligationStatus.Breached);
            if (exporting is { } f)
                return await ExportAsync(f, "企业违规", [.. cols.Select(c => c.Zh)], rows.ToAsyncEnumerable(), r => [r.Enterprise.Name,
                    DisplayNames.Jurisdiction(r.Enterprise.Jurisdiction).Zh, r.View.Employees, r.View.EmployeesWithBreaches, r.View.Persons.Sum(p => p.Breaches.Count),
                    EnterpriseBreaches(r.View), string.Join("；", Rules(r.View).Select(id => $"{DisplayNames.Rule(id).TitleZh}（{id}）"))], ct);
            var table = PersonPages.Table(headers, rows.Select(r => new[]
            {
                H($"<a href=\"/console/enterprises/{r.Enterprise.EnterpriseId}\">{r.Enterprise.Name}</a>"), page.Named(DisplayNames.Jurisdiction(r.Enterprise.Jurisdiction), r.Enterprise.Jurisdiction),
                H($"{r.View.Employees}"), r.View.EmployeesWithBreaches > 0 ? Badge($"{r.View.EmployeesWithBreaches}", "bad") : H($"0"),
                H($"{r.View.Persons.Sum(p => p.Breaches.Count)}"), H($"{EnterpriseBreaches(r.View)}"), PersonPages.RuleList(page, Rules(r.View)),
            }), "register");
            var filters = H($"""
                <label for="q">{page.L("企业名称或信用代码", "Enterprise name or credit code")}</label><input id="q" name="q" maxlength="100" value="{q}">
                <label for="jurisdiction">{page.L("辖区", "Jurisdiction")}</label>{JurisdictionSelect(page, "jurisdiction", jurisdiction)}
                """);
            return page.Render(page.L("企业违规", "Breaches by enterprise"), Layout(page, filters, table, enterprises.PageNumber, enterprises.Total));
        });

    // ---- reviews due (复审提醒) ----

    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.Auditor)]
    public static Task<IResult> ReviewsDue(string? within, string? format, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")] int? pageNumber, HttpContext http,
        IQuerySession session, PolicyCatalog policies, IClock clock, CancellationToken ct) =>
        ConsoleErrors.PageAsync(http, async page =>
        {
            var days = ListPaging.OneOf(within, "within", "30", "60", "90") is { } w ? int.Parse(w, CultureInfo.InvariantCulture) : 90;
            var today = clock.Today();
            var query = (await ToDo.ReviewsDueAsync(session, ActorMiddleware.Required(http), policies, today, today.PlusDays(days), ct)).OrderBy(c => c.Number);
            (string Zh, string En)[] cols = [("证书编号", "Number"), ("持证人", "Holder"), ("类别·工种", "Kind · work type"), ("应复审日期", "Review due"), ("有效期至", "Valid until")];
            var headers = cols.Select(c => page.L(c.Zh, c.En)).ToArray();
            var window = ListWindow.Parse(pageNumber ?? 1, PageSize)!.Value;
            var total = await query.CountAsync(ct);
            var certificates = ExportFormat(format) is null
                ? await query.Skip(window.Skip).Take(window.Size).ToListAsync(ct)
                : await query.Take(10_000).ToListAsync(ct);
            var persons = (await session.LoadManyAsync<Ledger.Domain.Persons.Person>(ct, certificates.Select(c => c.PersonId).Distinct().ToArray())).ToDictionary(p => p.Id);
            string Holder(Certificate c) => persons.TryGetValue(c.PersonId, out var p) ? p.Name : "—";
            if (ExportFormat(format) is { } f)
                return await ExportAsync(f, "复审提醒", [.. cols.Select(c => c.Zh)], certificates.ToAsyncEnumerable(), c => [CertificateNumber.Display(c.Number), Holder(c),
                    DisplayNames.KindAndWorkType(c.Kind, c.WorkType).Zh, c.NextReviewDue, c.ValidUntil], ct);
            var table = PersonPages.Table(headers, certificates.Select(c =>
            {
                var shownNumber = CertificateNumber.Display(c.Number);
                // The regulator reviews on the certificate's page; an enterprise opens its employee's file (and an ID-shaped number stays out of the URL).
                var href = page.Is(ActorRole.Regulator, ActorRole.Auditor) && shownNumber == c.Number
                    ? $"/console/certificates?number={Uri.EscapeDataString(c.Number)}{(page.Is(ActorRole.Regulator) ? "#review-form" : "")}" : $"/console/persons/{c.PersonId}";
                return new[]
                {
                    H($"<a href=\"{href}\" class=\"review-due\">{ConsolePage.Ident(shownNumber)}</a>"), H($"{Holder(c)}"), H($"{page.N(DisplayNames.KindAndWorkType(c.Kind, c.WorkType))}"),
                    H($"{Date(c.NextReviewDue)}"), H($"{Date(c.ValidUntil)}"),
                };
            }), "register");
            var filters = H($"""
                <label for="within">{page.L("到期范围", "Due within")}</label>
                <select id="within" name="within">{Join(new[] { 30, 60, 90 }.Select(d => Option($"{d}", page.L($"{d} 天内", $"{d} days"), $"{days}")))}</select>
                """);
            return page.Render(page.L("复审提醒", "Reviews due"), Layout(page, filters, table, window.Page, total));
        });

    // ---- shared ----

    private static Html Option(string value, string label, string? selected) =>
        H($"<option value=\"{value}\"{Raw(value == selected ? " selected" : "")}>{label}</option>");

    private static Html Layout(ConsolePage page, Html filters, Html table, int pageNumber, int total)
    {
        var query = string.Join("&", page.Http.Request.Query.Where(q => q.Key is not "page" and not "format" and not "lang")
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}"));
        var path = page.Http.Request.Path;
        var amp = query.Length == 0 ? "" : "&";
        return H($"""
            <form method="get" class="search filters">{filters}<button type="submit">{page.L("查询", "Show")}</button></form>
            <section class="card">
              <p class="summary-line">{page.L("符合条件", "Matching")}: <strong id="register-total">{total}</strong></p>
              <p class="exports">
                <a href="{path}?{query}{amp}format=xlsx" data-download>{page.L("导出 XLSX", "Export XLSX")}</a> ·
                <a href="{path}?{query}{amp}format=csv" data-download>{page.L("导出 CSV", "Export CSV")}</a>
              </p>
              {table}
              {Pager(page, pageNumber, PageSize, total)}
            </section>
            """);
    }

    private static string? ExportFormat(string? format) => format switch
    {
        null or "" => null,
        "csv" or "xlsx" => format,
        _ => throw new RequestValidationException(new Dictionary<string, string[]> { ["format"] = ["must be csv or xlsx"] }),
    };

    /// <summary>One page of a register, counting the rest as it streams past (memory of one page, whatever the register's length).</summary>
    private static async Task<(List<T> Rows, int Total, int Page)> PageOfAsync<T>(IAsyncEnumerable<T> rows, int? pageNumber, CancellationToken ct)
    {
        var window = ListWindow.Parse(pageNumber ?? 1, PageSize)!.Value;
        var shown = new List<T>();
        var total = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            if (total >= window.Skip && shown.Count < window.Size) shown.Add(row);
            total++;
        }
        return (shown, total, window.Page);
    }

    /// <summary>The register as a file: Chinese headers (the file is filed as officials file it), names not codes, dates and amounts typed.</summary>
    private static async Task<IResult> ExportAsync<T>(string format, string sheet, string[] zhHeaders, IAsyncEnumerable<T> rows, Func<T, object?[]> cells,
        CancellationToken ct)
    {
        var file = $"{sheet}-{DateTime.UtcNow:yyyyMMdd}";
        var lines = new List<object?[]>();
        await foreach (var row in rows.WithCancellation(ct)) lines.Add(cells(row));
        if (format == "csv")
            return Results.File(Csv.Write(new Table().Row(zhHeaders).Also(t => lines.ForEach(l => t.Row(l)))), Csv.ContentType, file + ".csv");
        var layout = new SheetLayout(FrozenRows: 1, HeaderRow: 0, Landscape: true, Widths: [.. zhHeaders.Select(_ => 20d)],
            AutoFilter: $"A1:{Spreadsheet.Column(zhHeaders.Length - 1)}{lines.Count + 1}", PrintArea: $"$A$1:${Spreadsheet.Column(zhHeaders.Length - 1)}${lines.Count + 1}");
        return Results.File(Spreadsheet.Write((sheet, layout, lines.Prepend(zhHeaders))), Spreadsheet.ContentType, file + ".xlsx");
    }

    private static Table Also(this Table table, Action<Table> fill)
    {
        fill(table);
        return table;
    }
}
