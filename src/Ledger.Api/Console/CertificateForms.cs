using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Actors;
using Ledger.Domain.Catalogue;
using Ledger.Domain.Certificates;
using NodaTime;
using static Ledger.Api.WebConsole.Components;
using static Ledger.Api.WebConsole.Forms;
using static Ledger.Api.WebConsole.Html;

namespace Ledger.Api.WebConsole;

/// <summary>
/// The certificate's lifecycle in the console: issuing (POST /api/persons/{id}/certificates, the holder found first by the
/// ID card through POST /api/persons/search, so no person id is ever typed), and on the certificate's page review,
/// suspension, reinstatement, revocation and renewal or replacement, each with its reason, posted to the API's own endpoints.
/// </summary>
public static class CertificateForms
{
    [ActorRoles(ActorRole.Regulator, ActorRole.ExamPoint)]
    public static Task<IResult> Issue(HttpContext http, IClock clock, CancellationToken ct) => ConsoleErrors.PageAsync(http, page =>
    {
        var today = Date(clock.Today());
        var authority = page.Is(ActorRole.Regulator) ? page.OrganisationName : "";
        var examPoint = page.Is(ActorRole.ExamPoint) ? page.OrganisationName : "";
        var fields = H($"""
            <fieldset class="wide"><legend>{page.L("持证人（按身份证核对）", "Holder (checked against the ID card)")}</legend>
              {Text("idNumber", page.L("身份证号", "Resident ID number"), max: 18, step: "1", extra: "autocomplete=\"off\" autofocus")}
              {Text("name", page.L("姓名", "Name"), max: 50, step: "1")}
            </fieldset>
            {Text("number", page.L("证书编号", "Certificate number"), max: 40, extra: "autocomplete=\"off\"")}
            {Select("kind", page.L("证书类别", "Kind"), Kinds(page), CertificateKindCodes.SpecialOperation)}
            {WorkTypes(page, "workType", page.L("作业类别/工种", "Work type"), "electrical.low-voltage", required: false)}
            {Select("industry", page.L("行业（安全生产知识和管理能力考核合格证必填）", "Industry (required for a safety qualification)"), Industries(page), required: false, empty: page.L("无", "None"))}
            {Text("examPoint", page.L("考试点", "Exam point"), value: examPoint)}
            {Date(page, "examDate", page.L("考试日期", "Exam date"))}
            {Date(page, "passDate", page.L("合格日期", "Pass date"))}
            {Date(page, "issuedOn", page.L("发证日期", "Issued on"), today)}
            {Text("issuingAuthority", page.L("发证机关", "Issuing authority"), value: authority)}
            {Date(page, "validFrom", page.L("有效期起", "Valid from"), today)}
            {Date(page, "validUntil", page.L("有效期至（不填按类别推算）", "Valid until (derived from the kind if empty)"), required: false)}
            {Date(page, "nextReviewDue", page.L("下次复审（不填按类别推算）", "Next review due (derived if empty)"), required: false)}
            """);
        var form = ApiForm("POST /api/persons/search", page.L("发证登记", "Issue a certificate"), fields, page.L("发证", "Issue"), id: "issue-form",
            apiThen: "POST /api/persons/:personId/certificates", then: "/console/certificates?number=:number", css: "grid");
        return Task.FromResult(page.Render(page.L("发放特种作业操作证", "Issue a certificate"), H($"""
            <p class="hint">{page.L("先按身份证号和姓名找到持证人（身份证号只在请求正文中发送），再登记证书；考试点只能为其考生发证。",
                "The holder is found by ID number and name first (the number travels in the request body only), then the certificate is recorded; an exam point issues to its own candidates.")}</p>
            <section class="card">{form}</section>
            """)));
    });

    /// <summary>The regulator's acts on a certificate, offered as its standing allows (the API refuses any other with its rule).</summary>
    public static Html Lifecycle(ConsolePage page, Certificate certificate, LocalDate today)
    {
        if (!page.Is(ActorRole.Regulator)) return Empty;
        var on = Date(today);
        var version = Version(certificate.Version);
        var id = certificate.Id;
        var acts = new List<Html>();
        if (certificate.Standing is CertificateStanding.Active or CertificateStanding.ReviewFailed)
            acts.Add(Folded(page.L("复审", "Review"), ApiForm($"POST /api/certificates/{id}/reviews", page.L("登记复审结果", "Record a review"), H($"""
                {version}
                {Date(page, "reviewedOn", page.L("复审日期", "Reviewed on"), on)}
                {Select("passed", page.L("复审结论", "Result"), [("true", page.L("合格", "Passed")), ("false", page.L("不合格", "Failed"))], type: "bool")}
                {Date(page, "reviewPassDate", page.L("复审合格日期", "Review pass date"), on, required: false)}
                {Date(page, "nextReviewDue", page.L("下次复审（不填按类别推算）", "Next review due (derived if empty)"), required: false)}
                {Area("reason", page.L("说明（不合格时必填）", "Reason (required if failed)"), required: false)}
                """), page.L("登记复审", "Record the review"), id: "review-form")));
        if (certificate.Standing == CertificateStanding.Active)
            acts.Add(Folded(page.L("暂扣", "Suspend"), ApiForm($"POST /api/certificates/{id}/suspensions", page.L("暂扣证书", "Suspend the certificate"), H($"""
                {version}
                {Date(page, "from", page.L("暂扣起始日期", "Suspended from"), on)}
                {Area("reason", page.L("暂扣理由", "Reason"))}
                {Text("legalBasis", page.L("法律依据", "Legal basis"), required: false, max: 300)}
                """), page.L("暂扣", "Suspend"), id: "suspend-form")));
        if (certificate.Standing == CertificateStanding.Suspended)
            acts.Add(Folded(page.L("恢复", "Reinstate"), ApiForm($"POST /api/certificates/{id}/reinstatements", page.L("恢复证书", "Reinstate the certificate"), H($"""
                {version}
                {Date(page, "on", page.L("恢复日期", "Reinstated on"), on)}
                {Area("reason", page.L("恢复理由", "Reason"))}
                """), page.L("恢复", "Reinstate"), id: "reinstate-form")));
        if (certificate.Standing is CertificateStanding.Active or CertificateStanding.Suspended or CertificateStanding.ReviewFailed)
        {
            acts.Add(Folded(page.L("吊销", "Revoke"), ApiForm($"POST /api/certificates/{id}/revocations", page.L("吊销证书", "Revoke the certificate"), H($"""
                {version}
                {Date(page, "on", page.L("吊销日期", "Revoked on"), on)}
                {Select("ground", page.L("吊销情形（《特种作业人员安全技术培训考核管理规定》第三十条）", "Ground (Order No. 30 art. 30)"),
                    Choices<RevocationGround>(page, DisplayNames.Ground, Enum.GetValues<RevocationGround>().Where(g => g != RevocationGround.Unstated)))}
                <p class="hint">{page.L("因记载虚假信息或以欺骗、贿赂等手段取得而吊销的，持证人3年内不得再次申请特种作业操作证。",
                    "Revoked for false information or deception, the holder may not apply again for 3 years.")}</p>
                {Area("reason", page.L("吊销理由", "Reason"))}
                {Text("legalBasis", page.L("法律依据", "Legal basis"), max: 300)}
                """), page.L("吊销", "Revoke"), id: "revoke-form")));
            acts.Add(Folded(page.L("换证或补证", "Renew or replace"), ApiForm($"POST /api/certificates/{id}/successors", page.L("换证或补证（发新证，原证作废）", "Renew or replace (a new number; the old one is superseded)"), H($"""
                {version}
                {Select("kind", page.L("类别", "Kind"), Choices<SupersessionKind>(page, DisplayNames.Supersession))}
                {Text("newNumber", page.L("新证书编号", "New certificate number"), max: 40, extra: "autocomplete=\"off\"")}
                {Text("examPoint", page.L("考试点", "Exam point"))}
                {Date(page, "examDate", page.L("考试日期", "Exam date"), on)}
                {Date(page, "passDate", page.L("合格日期", "Pass date"), on)}
                {Date(page, "issuedOn", page.L("发证日期", "Issued on"), on)}
                {Text("issuingAuthority", page.L("发证机关", "Issuing authority"), value: certificate.IssuingAuthority)}
                {Date(page, "validFrom", page.L("有效期起", "Valid from"), on)}
                {Date(page, "validUntil", page.L("有效期至（不填按类别推算）", "Valid until (derived if empty)"), required: false)}
                {Date(page, "nextReviewDue", page.L("下次复审（不填按类别推算）", "Next review due (derived if empty)"), required: false)}
                {Area("reason", page.L("理由", "Reason"))}
                """), page.L("发新证", "Issue the successor"), id: "successor-form", then: "/console/certificates?number=:number")));
        }
        if (acts.Count == 0) return Empty;
        return H($"""<section class="card actions" id="certificate-acts"><h2>{page.L("证书办理", "Act on the certificate")}</h2>{acts}</section>""");
    }
}
