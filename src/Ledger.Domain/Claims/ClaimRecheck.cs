using Ledger.Domain.Certificates;
using NodaTime;

namespace Ledger.Domain.Claims;

/// <summary>A certificate withdrawn after claims were made on it: which pattern it is, from when, and how the finding says so.</summary>
public sealed record CertificateWithdrawn(Guid CertificateId, string RuleId, LocalDate On, string What);

/// <summary>
/// A certificate revoked (FR-04) or suspended (FR-03) after a claim was submitted changes what the claim's lines earned:
/// every line on that certificate is flagged on its claim, and a paid line's evidence says a clawback is due.
/// </summary>
public static class ClaimRecheck
{
    /// <summary>The certificate events that reopen a claim's lines; any other event reopens nothing.</summary>
    public static CertificateWithdrawn? Of(object certificateEvent) => certificateEvent switch
    {
        CertificateRevoked r => new(r.CertificateId, FraudPatterns.CertificateByDeception, r.On, $"revoked on {r.On:uuuu-MM-dd}: {r.Reason} ({r.LegalBasis})"),
        CertificateSuspended s => new(s.CertificateId, FraudPatterns.UnverifiableCertificate, s.From,
            $"suspended from {s.From:uuuu-MM-dd}: {(s.LegalBasis is null ? s.Reason : $"{s.Reason} ({s.LegalBasis})")}"),
        _ => null,
    };

    /// <param name="alreadyChecked">Whether this withdrawal was already checked against the line: a replayed page flags nothing twice.</param>
    public static IReadOnlyList<ClaimLineFlagged> Decide(Claim claim, CertificateWithdrawn withdrawn, Func<int, bool> alreadyChecked) =>
        claim.Lines.Where(l => l.Line.CertificateId == withdrawn.CertificateId && !alreadyChecked(l.Line.LineNo))
            .Select(l => new ClaimLineFlagged(claim.Id, l.Line.LineNo, new Finding(withdrawn.RuleId, Severity.High, false, Evidence(claim, l, withdrawn.What)), withdrawn.On))
            .ToList();

    private static string Evidence(Claim claim, ClaimLineState line, string what)
    {
        var certificate = $"certificate {line.Line.CertificateNumber} was {what}";
        var paid = line.Decision is { Approved: true } decision && claim.Stage is ClaimStage.Disbursed or ClaimStage.Reconciled
            ? $"; {decision.Amount:0.00} CNY was paid for this line on {claim.PaidOn:uuuu-MM-dd} ({claim.PaymentReference}): a clawback is due"
            : "";
        return certificate + paid;
    }
}
