using Ledger.Api.Access;
using Ledger.Api.Claims;
using Ledger.Api.Http;
using Ledger.Domain;
using Ledger.Domain.Actors;
using Ledger.Domain.Catalogue;
using Ledger.Domain.Claims;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;
using static Ledger.Api.WebConsole.Components;
using static Ledger.Api.WebConsole.Html;

namespace Ledger.Api.WebConsole;

/// <summary>
/// The 补贴审核表 to print (A4, print styles in console.css): Heilongjiang's form as its plan's annex lays it out — the
/// enterprise's fields in label/value pairs, the roster (序号 姓名 工种 证件号), the written commitment with the signature,
/// seal and date lines, and the opinion boxes of the training institution and of the emergency-management department, each
/// with its seal and date. The form is the document's, so it stays Chinese on an English page; the ledger's approval and
/// payment, which the form has no boxes for, follow it as a note. A claim of a jurisdiction whose document has no form
/// prints the same facts under the ledger's heading, saying so.
/// </summary>
public static class AuditFormPage
{
    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.TrainingInstitution, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static Task<IResult> Get(Guid claimId, string? reason, HttpContext http, IQuerySession session, IDocumentStore store, PolicyCatalog policies,
        IClock clock, CancellationToken ct) =>
        ConsoleErrors.PageAsync(http, async page =>
        {
            if (page.Is(ActorRole.Auditor) && !AuditorReadLog.HasReason(http))
                return page.Render(page.L("补贴审核表（打印）", "Audit form (print)"), H($"""
                    <form method="get" class="search">
                      <label for="reason">{page.L("查阅事由（审计必填，将记录在案）", "Reason for reading (required of auditors, and recorded)")}</label>
                      <input id="reason" name="reason" required maxlength="500" autofocus>
                      <button type="submit">{page.L("查看", "Show")}</button>
                    </form>
                    """));
            var claim = await ClaimAccess.ReadAsync(http, session, store, policies, clock, claimId, ct);
            var facts = await AuditFormFacts.LoadAsync(claim, session, policies, ct);
            var f = claim.Form;
            static Html Day(LocalDate? d) => H($"{(d is { } v ? $"{v.Year} 年 {v.Month} 月 {v.Day} 日" : "　　年　　月　　日")}");
            var roster = claim.Lines.Count == 0
                ? H($"<tr><td colspan=\"6\" class=\"empty\">—</td></tr>")
                : Join(claim.Lines.Select(l => H($"""
                    <tr class="line"><td class="c">{l.Line.LineNo}</td><td>{l.Line.Name}</td><td>{DisplayNames.WorkType(l.Line.WorkType).Zh}</td><td colspan="3">{l.Line.IdNumberMasked}</td></tr>
                    """)));
            var paid = claim.PaidOn is null ? "" : $"；发放 {Money(claim.DisbursedAmount)}（{Date(claim.PaidOn)}）";
            var form = H($"""
                <article class="audit-form" lang="zh-CN" data-official="{(facts.OfficialForm ? "true" : "false")}">
                  <p class="annex">{(facts.OfficialForm ? "附件" : "")}</p>
                  <h2 class="form-title">{(facts.OfficialForm ? AuditFormFacts.Title : AuditFormFacts.OtherTitle)}</h2>
                  {When(!facts.OfficialForm, H($"<p class=\"form-note\">本辖区的文件未规定审核表式样，以下按申请所载事项列出。</p>"))}
                  <p class="form-head"><span>申请企业名称：<u>{f.EnterpriseName}</u></span><span>申请时间：{Day(f.ApplicationDate)}</span></p>
                  <table class="form-grid">
                    <colgroup><col class="l"><col><col><col class="l"><col><col></colgroup>
                    <tbody>
                      <tr><td class="label">统一社会信用代码</td><td colspan="2" translate="no">{f.EnterpriseCreditCode}</td><td class="label">法定代表人</td><td colspan="2">{f.LegalRepresentative}</td></tr>
                      <tr><td class="label">经办人姓名</td><td colspan="2">{f.HandlerName}</td><td class="label">经办人手机</td><td colspan="2">{Masking.Mobile(f.HandlerMobile)}</td></tr>
                      <tr><td class="label">（委托）培训机构名称</td><td colspan="5">{f.InstitutionName}</td></tr>
                      <tr><td class="label">培训工种及对应人数</td><td colspan="5">{string.Join("；", f.WorkTypes.Select(w => $"{DisplayNames.WorkType(w.WorkType).Zh} {w.Count} 人"))}</td></tr>
                      <tr><td class="label">培训时间</td><td colspan="5">{Day(f.TrainingFrom)} 至 {Day(f.TrainingUntil)}</td></tr>
                      <tr><td class="label">取证人数</td><td colspan="2">{f.CertifiedCount}</td><td class="label">申请补贴金额</td><td colspan="2">{Money(f.RequestedAmount)}</td></tr>
                      <tr class="commitment"><td class="label">申请企业书面承诺</td><td colspan="5">
                        <p>{f.Commitment.Text}</p>
                        <p class="sign">负责人签字：<span class="signature">{f.Commitment.Signer}</span></p>
                        <p class="sign seal-box">（盖章）{Seal(claim, FormParty.Enterprise)}</p>
                        <p class="sign">{Day(f.Commitment.SignedOn)}</p>
                      </td></tr>
                    </tbody>
                    <tbody class="roster">
                      <tr class="roster-head"><td class="label c">序号</td><td class="label">姓名</td><td class="label">工种</td><td class="label" colspan="3">证件号</td></tr>
                      {roster}
                    </tbody>
                    <tbody>
                      <tr class="opinion" id="opinion-institution"><td class="label">培训机构<br>意见</td><td colspan="5">
                        <p>{(claim.AttestedBy is null ? "" : facts.AttestationStatement ?? AuditFormFacts.InstitutionOpinion)}</p>
                        <p class="sign seal-box">（加盖印章）{Seal(claim, FormParty.Institution)}</p>
                        <p class="sign">{Day(claim.AttestedBy is null ? null : facts.AttestedOn)}</p>
                      </td></tr>
                      <tr class="opinion" id="opinion-regulator"><td class="label">应急管理部门<br>（煤矿安全培<br>训主管部门）<br>意见</td><td colspan="5">
                        <p>{(claim.VerifiedBy is null ? "" : AuditFormWorkbook.VerificationOpinion(claim))}</p>
                        <p class="sign seal-box">（加盖印章）{Seal(claim, FormParty.EmergencyDepartment)}</p>
                        <p class="sign">{Day(claim.VerifiedBy is null ? null : facts.VerifiedOn)}</p>
                      </td></tr>
                    </tbody>
                  </table>
                  <p class="ledger-note">台账记录（不属于表式）：{DisplayNames.Stage(claim.Stage).Zh}；应补合计 {Money(claim.EntitledAmount)}；核准 {Money(claim.ApprovedAmount)}{paid}。</p>
                </article>
                """);
            var reasonQuery = string.IsNullOrWhiteSpace(reason) ? "" : "?reason=" + Uri.EscapeDataString(reason);
            // The parties seal their own boxes (HLJ-SUB-03's 附件); the department that verifies writes its opinion with its seal.
            var verifying = page.Is(ActorRole.Regulator, ActorRole.HrBureau);
            var sealForm = facts.OfficialForm && page.Is(ActorRole.Enterprise, ActorRole.TrainingInstitution, ActorRole.Regulator, ActorRole.HrBureau)
                ? H($"""<div class="no-print">{Forms.Folded(page.L("在本单位栏目盖章", "Seal our box of the form"), Forms.ApiForm($"POST /api/claims/{claim.Id}/seals",
                    page.L("盖章登记", "Record the seal"), H($"""
                    {Forms.Version(claim.Version)}
                    {Forms.Text("sealReference", page.L("印章编号（电子印章序列号或纸质表归档号）", "Seal reference (e-seal serial or filed paper form number)"), max: 100)}
                    {Forms.Date(page, "sealedOn", page.L("盖章日期", "Sealed on"), Date(clock.Today()))}
                    {When(verifying, Forms.Area("opinion", page.L("应急管理部门意见", "The department's opinion"), value: claim.VerifiedBy is null ? null : AuditFormWorkbook.VerificationOpinion(claim)))}
                    """), page.L("盖章", "Seal"), id: "seal-form", then: $"/console/claims/{claim.Id}/audit-form"))}</div>""")
                : Empty;
            var body = H($"""
                <p class="actions no-print">
                  <button type="button" data-print>{page.L("打印", "Print")}</button>
                  <a href="/console/claims/{claim.Id}{reasonQuery}">{page.L("返回补贴审核", "Back to the claim")}</a> ·
                  <a href="/api/claims/{claim.Id}/export.xlsx" data-download>{page.L("导出审核表 XLSX", "Export audit form (XLSX)")}</a>
                </p>
                {When(page.English, H($"<p class=\"hint no-print\">The form is printed as the document lays it out, in Chinese.</p>"))}
                {sealForm}
                {form}
                """);
            return page.Render(page.L("补贴审核表（打印）", "Audit form (print)"), body);
        });

    private static string Seal(Claim claim, FormParty party) => AuditFormFacts.SealMark(claim, party, withDate: true) is { Length: > 0 } mark ? " " + mark : "";
}
