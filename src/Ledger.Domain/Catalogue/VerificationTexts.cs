using System.Text.RegularExpressions;
using Ledger.Domain.Certificates;

namespace Ledger.Domain.Catalogue;

/// <summary>
/// Why a claim line fails the certificate check (ClaimChecks.Certificates), in Chinese: the verifying officer reads these
/// before 核验 and when deciding an override, so they name the status by its catalogue name and the rule by its title.
/// </summary>
public static partial class VerificationTexts
{
    public static DisplayName Reason(string reason)
    {
        if (reason == "the certificate is not in the ledger") return new("台账中没有这张证书", reason);
        if (reason == "the certificate belongs to another person") return new("证书不属于名单上的这个人", reason);
        if (reason == "the work type differs from the certificate's") return new("申请工种与证书工种不符", reason);
        if (Status().Match(reason) is { Success: true } s && Enum.TryParse<CertificateStatus>(s.Groups[1].Value.Replace("-", ""), true, out var status))
            return new($"证书在 {s.Groups[2].Value} 的状态为“{DisplayNames.Certificate(status).Zh}”", reason);
        if (Condition().Match(reason) is { Success: true } c)
            return new($"{DisplayNames.Rule(c.Groups[1].Value).TitleZh}（{c.Groups[1].Value}），不符合补贴的培训条件（{c.Groups[2].Value}）", reason);
        return new("证书信息与台账不符", reason);
    }

    [GeneratedRegex(@"^the certificate is ([a-z-]+) on (\d{4}-\d{2}-\d{2})$")]
    private static partial Regex Status();

    [GeneratedRegex(@"^([A-Z]{2,4}-\d{2}): .*\(([A-Z]{2,4}-[A-Z]{2,4}-\d{2})")]
    private static partial Regex Condition();
}
