using Ledger.Api.Claims;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain;
using Ledger.Domain.Actors;
using Ledger.Domain.Catalogue;
using Ledger.Domain.Claims;
using Ledger.Domain.Policies;
using Ledger.Projections;
using Marten;
using NodaTime;
using static Ledger.Api.WebConsole.Components;
using static Ledger.Api.WebConsole.Html;

namespace Ledger.Api.WebConsole;

/// <summary>
/// 补贴审核: the review queue (GET /api/claims/review-queue), the claim's audit file (补贴审核表, read through ClaimAccess like
/// GET /api/claims/{id}) and the workflow step the signed-in role takes next, posted by the page to the JSON API itself.
/// </summary>
public static class ClaimPages
{
    private static readonly ClaimStage[] Steps = [ClaimStage.Submitted, ClaimStage.Attested, ClaimStage.Verified, ClaimStage.Approved, ClaimStage.Disbursed, ClaimStage.Reconciled];

    public static string StageName(ConsolePage page, ClaimStage stage) => page.N(DisplayNames.Stage(stage));

    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.TrainingInstitution, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static Task<IResult> Queue(string? stage, string? jurisdiction, string? enterprise, string? period, string? claimStage, string? certificate,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")] int? pageNumber, HttpContext http, IQuerySession session, PolicyCatalog policies, CancellationToken ct) =>
        ConsoleErrors.PageAsync(http, async console =>
        {
            var search = await SearchAsync(console, enterprise, period, claimStage, certificate, pageNumber, http, session, policies, ct);
            var open = H($"""
                {When(console.Is(ActorRole.Enterprise), H($"<p><a class=\"button\" href=\"/console/claims/new\">{console.L("填写补贴申请", "Submit a claim")}</a></p>"))}
                {search}
                """);
            var page = console;
            var title = page.L("补贴审核", "Subsidy claims");
            if (page.Is(ActorRole.Enterprise, ActorRole.TrainingInstitution))
            {
                var own = await ClaimReportEndpoints.Own(http, session, ct);
                var ownRows = own.Select(c => new[]
                {
                    H($"<a href=\"/console/claims/{c.ClaimId}\">{c.ApplicationDate}</a>"), H($"{c.EnterpriseName}"), H($"{c.InstitutionName}"), H($"{c.Lines}"),
                    H($"{StageName(page, c.Stage)}{(c.RejectionReason is null ? "" : page.L("：", ": ") + c.RejectionReason)}"), H($"{Money(c.RequestedAmount)}"),
                    H($"{Money(c.EntitledAmount)}"), H($"{Money(c.ApprovedAmount)}"), H($"{(c.PaidOn is null ? "—" : $"{Money(c.DisbursedAmount)} · {Date(c.PaidOn)}")}"),
                });
                return page.Render(title, H($"""
                    {open}
                    <section class="card">
                      <h2>{(page.Is(ActorRole.Enterprise) ? page.L("本单位的补贴申请", "Our enterprise's claims") : page.L("本机构培训的补贴申请", "Claims naming our institution"))} <span class="muted">({own.Count})</span></h2>
                      {PersonPages.Table([page.L("申请日期", "Applied"), page.L("企业", "Enterprise"), page.L("培训机构", "Institution"), page.L("人数", "Lines"), page.L("阶段", "Stage"),
                          page.L("申请金额", "Requested"), page.L("应补金额", "Entitled"), page.L("核准金额", "Approved"), page.L("发放", "Paid")], ownRows, "own-claims")}
                    </section>
                    """));
            }
            if (!page.Is(ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)) return page.Render(title, open);

            var queue = await ClaimReportEndpoints.ReviewQueue(jurisdiction, stage, http, session, policies, ct);
            var stages = Join(new[] { "", "submitted", "attested", "verified" }.Select(s => H($"<option value=\"{s}\"{Raw(s == (stage ?? "") ? " selected" : "")}>{(s == "" ? page.L("全部待办", "All open") : StageName(page, Enum.Parse<ClaimStage>(s, true)))}</option>")));
            var rows = queue.Select(q => new[]
            {
                H($"<a href=\"/console/claims/{q.ClaimId}\">{q.EnterpriseName}</a>"), H($"{q.InstitutionName}"), page.Named(DisplayNames.Jurisdiction(q.Jurisdiction), q.Jurisdiction), H($"{q.ApplicationDate}"),
                H($"{StageName(page, q.Stage)}"), H($"{q.Lines}"), H($"{Money(q.RequestedAmount)}"), H($"{Money(q.EntitledAmount)}"),
                H($"""{(q.HighFindings > 0 ? Badge($"{page.L("高", "High")} {q.HighFindings}", "bad") : Empty)} {(q.BlockingFindings > 0 ? Badge($"{page.L("阻断", "Blocking")} {q.BlockingFindings}", "warn") : Empty)} {(q.NonBlockingFindings > 0 ? Badge($"{page.L("提示", "Notes")} {q.NonBlockingFindings}", "muted") : Empty)}"""),
                Flags(page, q.Flags),
            });
            return page.Render(title, H($"""
                {open}
                <section class="card">
                  <h2>{page.L("待审核队列", "Review queue")} <span class="muted">({queue.Count})</span></h2>
                  <form method="get" class="search filters">
                    <label for="stage">{page.L("阶段", "Stage")}</label><select id="stage" name="stage">{stages}</select>
                    <label for="jurisdiction">{page.L("辖区", "Jurisdiction")}</label>{JurisdictionSelect(page, "jurisdiction", jurisdiction)}
                    <button type="submit">{page.L("筛选", "Filter")}</button>
                  </form>
                  {PersonPages.Table([page.L("企业", "Enterprise"), page.L("培训机构", "Institution"), page.L("辖区", "Jurisdiction"), page.L("申请日期", "Applied"),
                      page.L("阶段", "Stage"), page.L("人数", "Lines"), page.L("申请金额", "Requested"), page.L("应补金额", "Entitled"), page.L("问题", "Findings"), page.L("明细", "Flags")], rows, "queue")}
                </section>
                """));
        });

    /// <summary>
    /// Every claim the caller may see, closed ones too (GET /api/claims): by enterprise name or credit code, year or month of
    /// application, stage and certificate number, a page at a time.
    /// </summary>
    private static async Task<Html> SearchAsync(ConsolePage page, string? enterprise, string? period, string? stage, string? certificate, int? number, HttpContext http,
        IQuerySession session, PolicyCatalog policies, CancellationToken ct)
    {
        var found = await Ledger.Api.Search.SearchEndpoints.Claims(enterprise, period, stage, certificate, null, number, null, http, session, policies, ct);
        var stages = Join(new[] { "" }.Concat(Enum.GetValues<ClaimStage>().Select(s => JsonNames.Kebab(s))).Select(s =>
            H($"<option value=\"{s}\"{Raw(s == (stage ?? "") ? " selected" : "")}>{(s == "" ? page.L("全部阶段", "Any stage") : StageName(page, JsonNames.TryParseKebab<ClaimStage>(s, out var v) ? v : default))}</option>")));
        var rows = found.Items.Select(c => new[]
        {
            H($"<a href=\"/console/claims/{c.ClaimId}\">{c.EnterpriseName}</a>"), H($"{c.InstitutionName}"), page.Named(DisplayNames.Jurisdiction(c.Jurisdiction), c.Jurisdiction),
            H($"{c.ApplicationDate}"), H($"{StageName(page, c.Stage)}"), H($"{c.Lines}"), H($"{Money(c.RequestedAmount)}"), H($"{Money(c.ApprovedAmount)}"), H($"{Money(c.DisbursedAmount)}"),
        });
        return H($"""
            <section class="card">
              <h2>{page.L("补贴申请查询（含已办结）", "Find claims (closed ones too)")} <span class="muted">({found.Total})</span></h2>
              <form method="get" action="/console/claims" class="search filters" role="search">
                {When(!page.Is(ActorRole.Enterprise), H($"""<label for="enterprise">{page.L("企业名称或信用代码", "Enterprise name or credit code")}</label><input id="enterprise" name="enterprise" value="{enterprise ?? ""}" maxlength="100">"""))}
                <label for="period">{page.L("申请年月", "Applied in")}</label><input id="period" name="period" value="{period ?? ""}" maxlength="7" placeholder="{page.L("如 2021 或 2021-04", "such as 2021 or 2021-04")}">
                <label for="claimStage">{page.L("阶段", "Stage")}</label><select id="claimStage" name="claimStage">{stages}</select>
                <label for="certificate">{page.L("证书编号", "Certificate number")}</label><input id="certificate" name="certificate" value="{certificate ?? ""}" maxlength="40" autocomplete="off">
                <button type="submit">{page.L("查询", "Find")}</button>
              </form>
              {PersonPages.Table([page.L("企业", "Enterprise"), page.L("培训机构", "Institution"), page.L("辖区", "Jurisdiction"), page.L("申请日期", "Applied"), page.L("阶段", "Stage"),
                  page.L("人数", "Lines"), page.L("申请金额", "Requested"), page.L("核准金额", "Approved"), page.L("发放金额", "Disbursed")], rows, "claims")}
              {Pager(page, found.PageNumber, found.PageSize, found.Total)}
            </section>
            """);
    }

    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.TrainingInstitution, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static IResult Go(string? claimId) =>
        Guid.TryParse(claimId?.Trim(), out var id) ? Results.Redirect($"/console/claims/{id}") : Results.Redirect("/console/claims");

    private static Html Flags(ConsolePage page, IEnumerable<ReviewFlag> flags)
    {
        var list = flags.OrderByDescending(f => f.Severity).ThenByDescending(f => f.Blocking).ToList();
        if (list.Count == 0) return H($"<span class=\"muted\">—</span>");
        return H($"""<details><summary>{list.Count}</summary><ul class="flags">{Join(list.Select(f => H($"<li>{Severity(page, f.Severity)} {PersonPages.RuleName(page, f.RuleId)}{(f.LineNo is { } n ? page.L($" 名单第 {n} 行", $" line {n}") : "")}{(page.English ? " " + f.Evidence : "")}</li>")))}</ul></details>""");
    }

    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.TrainingInstitution, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static Task<IResult> AuditFile(Guid claimId, string? reason, string? verifyOn, HttpContext http, IQuerySession session, IDocumentStore store, PolicyCatalog policies,
        IClock clock, CancellationToken ct) =>
        ConsoleErrors.PageAsync(http, async page =>
        {
            var title = page.L("补贴审核表", "Claim audit file");
            // The session's stated reason (the console's reason form) serves; a reason in the link overrides it.
            if (page.Is(ActorRole.Auditor) && !AuditorReadLog.HasReason(http))
                return page.Render(title, H($"""
                    <form method="get" class="search">
                      <label for="reason">{page.L("查阅事由（审计必填，将记录在案）", "Reason for reading (required of auditors, and recorded)")}</label>
                      <input id="reason" name="reason" required maxlength="500" autofocus>
                      <button type="submit">{page.L("查看", "Show")}</button>
                    </form>
                    """));
            var claim = await ClaimAccess.ReadAsync(http, session, store, policies, clock, claimId, ct);
            var events = (await session.Events.FetchStreamAsync(claimId, token: ct)).Select(EventFacts.Describe).ToList();
            var f = claim.Form;
            var preview = await PreviewAsync(page, claim, verifyOn, session, policies, clock, ct);
            var steps = Join(Steps.Select(s => H($"<li class=\"{(Array.IndexOf(Steps, s) <= Array.IndexOf(Steps, claim.Stage) ? "done" : "")}\"{Raw(s == claim.Stage ? " aria-current=\"step\"" : "")}>{StageName(page, s)}</li>")));
            var lines = claim.Lines.Select(l => new[]
            {
                H($"{l.Line.LineNo}"), H($"{l.Line.Name}"), H($"{l.Line.IdNumberMasked}"), page.Named(DisplayNames.WorkType(l.Line.WorkType), l.Line.WorkType), ConsolePage.Ident(l.Line.CertificateNumber),
                H($"{page.N(DisplayNames.Subsidy(l.Line.Kind))} · {CycleName(page, l.Line.Cycle)}"), LineStatus(page, l.Line.Status), H($"{Money(l.Line.EntitledAmount)}"),
                l.Verified switch
                {
                    true => Badge(page.L("核验通过", "Verified"), "ok"),
                    false => H($"{Badge(page.L("核验未通过", "Failed"), "bad")} {string.Join(page.L("；", "; "), l.VerificationReasons.Select(x => page.N(VerificationTexts.Reason(x))))}{(l.OverrideReason is null ? "" : " · " + page.L("更正：", "override: ") + l.OverrideReason)}"),
                    _ => H($"<span class=\"muted\">—</span>"),
                },
                l.Decision is { } d ? (d.Approved ? Badge($"{page.L("核准", "Approved")} {Money(d.Amount)}", "ok") : H($"{Badge(page.L("不予核准", "Not approved"), "bad")} {d.Reason}")) : H($"<span class=\"muted\">—</span>"),
                Evidence(page, l.AllFindings),
            });
            var body = H($"""
                <ol class="steps" aria-label="{page.L("审批进度", "Progress")}">{steps}</ol>
                {When(claim.Stage == ClaimStage.Rejected, H($"<p class=\"error\">{page.L("已驳回：", "Rejected: ")}{claim.RejectionReason}</p>"))}
                <section class="card">
                  <h2>{f.EnterpriseName} <span class="muted">{StageName(page, claim.Stage)}</span></h2>
                  <dl class="facts">
                    {Field(page.L("1 申请企业名称", "1 Enterprise"), f.EnterpriseName)}
                    {Field(page.L("2 申请时间", "2 Applied on"), Date(f.ApplicationDate))}
                    {Field(page.L("3 统一社会信用代码", "3 Credit code"), f.EnterpriseCreditCode)}
                    {Field(page.L("4 法定代表人", "4 Legal representative"), f.LegalRepresentative)}
                    {Field(page.L("5 经办人", "5 Handler"), f.HandlerName)}
                    {Field(page.L("6 经办人手机", "6 Handler's mobile"), Masking.Mobile(f.HandlerMobile))}
                    {Field(page.L("7 培训机构", "7 Institution"), f.InstitutionName)}
                    {Field(page.L("8 培训工种及人数", "8 Work types"), string.Join(page.L("；", "; "), f.WorkTypes.Select(w => $"{page.N(DisplayNames.WorkType(w.WorkType))} × {w.Count}")))}
                    {Field(page.L("9 培训时间", "9 Training"), $"{Date(f.TrainingFrom)} — {Date(f.TrainingUntil)}")}
                    {Field(page.L("10 取证人数", "10 Certified"), f.CertifiedCount.ToString())}
                    {Field(page.L("11 申请金额", "11 Requested"), Money(f.RequestedAmount))}
                    {Field(page.L("应补金额", "Entitled"), Money(claim.EntitledAmount))}
                    {Field(page.L("核准金额", "Approved"), Money(claim.ApprovedAmount))}
                    {Field(page.L("发放金额", "Disbursed"), claim.PaidOn is null ? H($"—") : H($"{Money(claim.DisbursedAmount)} · {ConsolePage.Ident(claim.PaymentReference)} · {Date(claim.PaidOn)}"))}
                  </dl>
                  <p class="exports">
                    <a href="/api/claims/{claim.Id}/export.xlsx" data-download>{page.L("导出审核表 XLSX", "Export audit form (XLSX)")}</a> ·
                    <a href="/api/claims/{claim.Id}/export.csv" data-download>{page.L("导出 CSV", "Export CSV")}</a> ·
                    <a href="/console/claims/{claim.Id}/audit-form{(string.IsNullOrWhiteSpace(reason) ? "" : "?reason=" + Uri.EscapeDataString(reason))}" class="print-form">{page.L("打印审核表", "Print the audit form")}</a>
                    {When(ClaimDisclosure.SeesEvidence(page.Actor!), H($" · <a href=\"/console/claims/{claim.Id}/knowledge{(string.IsNullOrWhiteSpace(reason) ? "" : "?reason=" + Uri.EscapeDataString(reason))}\" class=\"knowledge\">{page.L("决策时所知", "What was known when")}</a>"))}
                  </p>
                </section>
                {Actions(page, claim, clock.Today(), ClaimDecider.Authorities(claim, policies).Value, preview)}
                <section class="card">
                  <h2>{page.L("人员名单与核查证据", "Roster and the evidence of each check")}</h2>
                  {Evidence(page, f.FormFindings)}
                  {PersonPages.Table(["#", page.L("姓名", "Name"), page.L("身份证号", "ID number"), page.L("工种", "Work type"), page.L("证书编号", "Certificate"),
                      page.L("类别·周期", "Kind · cycle"), page.L("资格", "Eligibility"), page.L("应补", "Entitled"), page.L("核验", "Verification"), page.L("审批", "Decision"), page.L("核查发现", "Findings")], lines, "lines")}
                </section>
                <section class="card"><h2>{page.L("审批记录", "History")}</h2>{Timeline(page, events)}</section>
                """);
            return page.Render(title, body);
        });

    /// <summary>The subsidy cycle as stored: "initial", or "review:" and the day the review took effect.</summary>
    private static string CycleName(ConsolePage page, string cycle) =>
        cycle switch
        {
            "initial" => page.L("初次取证", "initial"),
            "review:none" => page.L("无复审记录", "no review on file"),
            _ when cycle.StartsWith("review:", StringComparison.Ordinal) => page.L($"{cycle[7..]} 复审", $"review of {cycle[7..]}"),
            _ => cycle,
        };

    private static Html LineStatus(ConsolePage page, LineStatus status) => status switch
    {
        Ledger.Domain.Claims.LineStatus.Eligible => Badge(page.L("符合", "Eligible"), "ok"),
        Ledger.Domain.Claims.LineStatus.Duplicate => Badge(page.L("重复申领", "Duplicate"), "bad"),
        _ => Badge(page.L("不符合", "Ineligible"), "bad"),
    };

    private static Html Evidence(ConsolePage page, IEnumerable<Finding> findings)
    {
        var list = findings.OrderByDescending(f => f.Severity).ToList();
        return list.Count == 0 ? Empty : H($"""<ul class="flags">{Join(list.Select(x => H($"<li>{Severity(page, x.Severity)}{(x.Blocking ? Badge(page.L("阻断", "blocking"), "warn") : Empty)} {PersonPages.RuleName(page, x.RuleId)} {(page.English ? x.Evidence : DisplayNames.Rule(x.RuleId).NextZh)}</li>")))}</ul>""");
    }

    /// <summary>The one step the signed-in role takes at this stage (maker-checker and role rules stay with the API, which answers any refusal).</summary>
    /// <param name="who">Who verifies, decides, pays and audits in the claim's jurisdiction (policy data, HLJ-SUB-03).</param>
    /// <summary>What 核验 would find on the chosen day, for the verifier before committing it (issue 16: a preview before 核验).</summary>
    private static async Task<(Html Html, LocalDate On)?> PreviewAsync(ConsolePage page, Claim claim, string? verifyOn, IQuerySession session, PolicyCatalog policies,
        IClock clock, CancellationToken ct)
    {
        if (claim.Stage != ClaimStage.Attested || !page.Is(ClaimDecider.Authorities(claim, policies).Value.Verifier)) return null;
        var on = ClaimForms.PreviewDay(verifyOn, clock.Today());
        var results = ClaimChecks.Certificates(claim, await ClaimFacts.CertificatesAsync(session, claim, ct), on, policies);
        return (ClaimForms.Preview(page, results, claim, on), on);
    }

    private static Html Actions(ConsolePage page, Claim claim, LocalDate today, SubsidyAuthorities who, (Html Html, LocalDate On)? preview = null)
    {
        var id = claim.Id;
        var version = H($"<input type=\"hidden\" name=\"version\" value=\"{claim.Version}\" data-type=\"int\">");
        var error = H($"<div class=\"form-error\" role=\"alert\" hidden></div>");
        Html Form(string api, string heading, Html fields, string button) => H($"""
            <form data-api="POST {api}" class="grid action" aria-label="{heading}">
              <h3>{heading}</h3>{version}{fields}
              <button type="submit">{button}</button>{error}
            </form>
            """);
        Html DateField(string name, string label) => H($"<label>{label}<input {DateInput(page)} name=\"{name}\" value=\"{Date(today)}\" required></label>");

        var forms = new List<Html>();
        if (page.Is(ActorRole.TrainingInstitution) && claim.Stage == ClaimStage.Submitted)
            forms.Add(Form($"/api/claims/{id}/attestation", page.L("17 培训机构确认", "17 Institution's attestation"), H($"""
                <label class="wide">{page.L("确认声明", "Statement")}<textarea name="statement" rows="2" required>{AttestRequest.FormText}</textarea></label>
                {DateField("attestedOn", page.L("确认日期", "Attested on"))}
                """), page.L("确认", "Attest")));
        if (page.Is(who.Verifier) && claim.Stage == ClaimStage.Attested)
        {
            var day = preview?.On ?? today;
            if (preview is { } p) forms.Add(p.Html);
            forms.Add(Form($"/api/claims/{id}/verification", page.L("18 应急管理部门核验证书", "18 Certificate verification"), H($"""
                <label>{page.L("核验系统参考号", "System reference")}<input name="systemReference" required maxlength="200" value="{page.L("安全生产培训考核系统", "Safety training and examination system")} {Date(day)}"></label>
                <label>{page.L("核验日期", "Verified on")}<input {DateInput(page)} name="verifiedOn" value="{Date(day)}" required></label>
                """), page.L("核验", "Verify")));
        }
        forms.Add(ClaimForms.Overrides(page, claim, today));
        if (page.Is(who.Approver) && claim.Stage == ClaimStage.Verified)
        {
            var lineFields = Join(claim.Lines.Select((l, i) => H($"""
                <fieldset class="line"><legend>#{l.Line.LineNo} {l.Line.Name} · {Money(l.Line.EntitledAmount)}</legend>
                  <input type="hidden" name="lines.{i}.lineNo" value="{l.Line.LineNo}" data-type="int">
                  <label class="check"><input type="checkbox" name="lines.{i}.approved" data-type="bool"{Raw(l.Line.Status == Ledger.Domain.Claims.LineStatus.Eligible && l.VerifiedOrOverridden ? " checked" : "")}> {page.L("核准", "Approve")}</label>
                  <label>{page.L("不予核准的理由", "Reason if not approved")}<input name="lines.{i}.reason" maxlength="500"></label>
                </fieldset>
                """)));
            forms.Add(Form($"/api/claims/{id}/approval", page.L("人社部门审批", "Approval"), H($"{lineFields}{DateField("on", page.L("审批日期", "Decided on"))}"), page.L("审批", "Approve")));
            forms.Add(Form($"/api/claims/{id}/rejection", page.L("驳回申请", "Reject the claim"), H($"""
                <label class="wide">{page.L("驳回理由", "Reason")}<input name="reason" required maxlength="500"></label>{DateField("on", page.L("日期", "On"))}
                """), page.L("驳回", "Reject")));
        }
        if (page.Is(who.Payer) && claim.Stage == ClaimStage.Approved)
            forms.Add(Form($"/api/claims/{id}/disbursement", page.L("补贴发放", "Disbursement"), H($"""
                <label>{page.L("支付凭证号", "Payment reference")}<input name="paymentReference" required maxlength="64"></label>
                <label>{page.L("收款人", "Payee")}<input name="payee" required maxlength="200" value="{claim.Form.EnterpriseName}"></label>
                <label>{page.L("收款账号", "Payee account")}<input name="payeeAccount" required pattern="[0-9]{"{8,32}"}" inputmode="numeric" autocomplete="off"></label>
                <label>{page.L("金额", "Amount")}<input name="amount" required data-type="number" inputmode="decimal" value="{claim.ApprovedAmount.ToString(System.Globalization.CultureInfo.InvariantCulture)}"></label>
                {DateField("paidOn", page.L("发放日期", "Paid on"))}
                """), page.L("发放", "Disburse")));
        if (page.Is(who.Auditor) && claim.Stage == ClaimStage.Disbursed)
            forms.Add(Form($"/api/claims/{id}/reconciliation", page.L("银行对账", "Reconciliation"), H($"""
                <label>{page.L("银行流水号", "Bank reference")}<input name="bankReference" required maxlength="64"></label>{DateField("on", page.L("对账日期", "Reconciled on"))}
                """), page.L("对账", "Reconcile")));
        forms.RemoveAll(f => f.Value.Length == 0);
        if (forms.Count == 0) return Empty;
        return H($"""<section class="card actions" id="next-step"><h2>{page.L("待办操作", "Your next step")}</h2>{forms}</section>""");
    }
}
