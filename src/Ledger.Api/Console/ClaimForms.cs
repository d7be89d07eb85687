using Ledger.Api.Http;
using Ledger.Domain.Actors;
using Ledger.Domain.Catalogue;
using Ledger.Domain.Claims;
using NodaTime;
using static Ledger.Api.WebConsole.Components;
using static Ledger.Api.WebConsole.Forms;
using static Ledger.Api.WebConsole.Html;

namespace Ledger.Api.WebConsole;

/// <summary>
/// The verifier's two console acts the claim page lacked: a preview of 核验 (the Domain's own certificate check,
/// ClaimChecks.Certificates, run on the chosen day and appended nowhere) before the verification is committed, and the
/// per-line override of a failed check with its reason (POST /api/claims/{id}/verification-overrides).
/// </summary>
public static class ClaimForms
{
    public static Html Preview(ConsolePage page, IReadOnlyList<LineVerification> results, Claim claim, LocalDate on)
    {
        var failing = results.Count(r => !r.Verified);
        var rows = results.Select(r => new[]
        {
            H($"{r.LineNo}"), H($"{claim.LineNo(r.LineNo)?.Line.Name}"),
            r.Verified ? Badge(page.L("将通过", "Would pass"), "ok") : Badge(page.L("将不通过", "Would fail"), "bad"),
            H($"{string.Join(page.L("；", "; "), r.Reasons.Select(x => page.N(VerificationTexts.Reason(x))))}"),
        });
        return H($"""
            <div class="preview" id="verification-preview">
              <h4>{page.L($"核验预览（按 {Date(on)} 的证书状态）", $"Preview (certificates as on {Date(on)})")}</h4>
              <p class="{(failing == 0 ? "hint" : "notice")}">{(failing == 0
                  ? page.L("全部名单行将核验通过。", "Every line would pass.")
                  : page.L($"{failing} 行将核验不通过：核验后可逐行说明理由予以更正，否则人社部门不能核准这些行。",
                      $"{failing} line(s) would fail: after verifying you may override each with a reason; otherwise HR cannot approve them."))}</p>
              {PersonPages.Table(["#", page.L("姓名", "Name"), page.L("预览结果", "Result"), page.L("原因", "Why")], rows, "preview-lines")}
              <form method="get" class="search filters" action="#verification-preview">
                <label for="verifyOn">{page.L("按另一核验日期预览", "Preview for another verification day")}</label><input id="verifyOn" name="verifyOn" {DateInput(page)} value="{Date(on)}">
                <button type="submit" class="secondary">{page.L("预览", "Preview")}</button>
              </form>
            </div>
            """);
    }

    /// <summary>One form per line that failed verification and is not yet overridden; only the regulator may (ClaimDecider.Override).</summary>
    public static Html Overrides(ConsolePage page, Claim claim, LocalDate today)
    {
        if (!page.Is(ActorRole.Regulator) || claim.Stage != ClaimStage.Verified) return Empty;
        var failed = claim.Lines.Where(l => l.Verified == false && l.OverrideReason is null).ToList();
        return Join(failed.Select(l => ApiForm($"POST /api/claims/{claim.Id}/verification-overrides",
            page.L($"更正名单第 {l.Line.LineNo} 行的核验结果（{l.Line.Name}）", $"Override line {l.Line.LineNo} ({l.Line.Name})"), H($"""
                {Version(claim.Version)}
                {Hidden("lineNo", l.Line.LineNo.ToString(System.Globalization.CultureInfo.InvariantCulture), "int")}
                <p class="wide hint">{page.L("未通过原因：", "Why it failed: ")}{string.Join(page.L("；", "; "), l.VerificationReasons.Select(x => page.N(VerificationTexts.Reason(x))))}</p>
                {Area("reason", page.L("更正理由（记录在案）", "Reason (recorded)"))}
                {Date(page, "on", page.L("更正日期", "On"), Date(today))}
                """), page.L("更正核验结果", "Override"), id: $"override-{l.Line.LineNo}")));
    }

    public static LocalDate PreviewDay(string? verifyOn, LocalDate today) =>
        RequestValidation.IsDate(verifyOn) ? RequestValidation.Date(verifyOn!) : today;
}
