using NodaTime;

namespace Ledger.Domain.Certificates;

/// <summary>The public check of a certificate by number and holder name (an employer's or inspector's), as typed in.</summary>
/// <param name="Number">As shown (CertificateNumber.Display): an anonymous caller's number is never kept raw.</param>
/// <param name="CertificateKey">The keyed stream id the typed number maps to.</param>
/// <param name="WatchId">The forgery-watch stream of the number.</param>
public sealed record VerifyCertificate(string Number, string Name, LocalDate On, Guid CertificateKey, Guid WatchId, Instant CheckedAt);

/// <summary>What the check answers: the certificate's status on the day, or "unknown" with a lead for regulators (FR-03).</summary>
public sealed record VerificationOutcome(string Status, Certificate? Certificate, UnknownCertificateChecked? Lead);

public static class PublicVerification
{
    public const string Unknown = "unknown";

    /// <summary>
    /// An unknown number and a name that does not match give the same "unknown" answer, so the check discloses nothing about
    /// whose the number is; both are recorded as a possible forgery (FR-03). A known number with its holder's name answers
    /// the certificate's status on the day.
    /// </summary>
    public static VerificationOutcome Decide(VerifyCertificate command, Certificate? certificate)
    {
        if (certificate is not null && string.Equals(certificate.HolderName, command.Name.Trim(), StringComparison.Ordinal))
            return new VerificationOutcome(System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(certificate.StatusOn(command.On).ToString()), certificate, null);
        var outcome = certificate is null ? UnknownCertificateChecked.NotInLedger : UnknownCertificateChecked.NameMismatch;
        return new VerificationOutcome(Unknown, null,
            new UnknownCertificateChecked(command.WatchId, command.Number, outcome, command.CheckedAt, command.CertificateKey));
    }
}

/// <summary>A regulator reports a certificate found forged (FR-03): the number as normalised, where and when it was found.</summary>
public sealed record ReportForgedCertificate(Guid WatchId, Guid CertificateKey, string NormalisedNumber, string? HolderName, string? WhereFound, LocalDate ReportedOn,
    string Reason);

public static class ForgeryWatch
{
    /// <summary>The report keeps the number as shown (an ID-shaped one masked), and the keyed certificate id that matches it to the register.</summary>
    public static ForgedCertificateReported Decide(ReportForgedCertificate c) =>
        new(c.WatchId, CertificateNumber.Display(c.NormalisedNumber), c.HolderName, c.WhereFound, c.ReportedOn, c.Reason, c.CertificateKey);
}
