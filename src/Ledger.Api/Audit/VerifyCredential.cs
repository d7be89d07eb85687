using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain;
using Ledger.Domain.Actors;
using Ledger.Domain.Certificates;
using Ledger.Projections;
using Ledger.Projections.Audit;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using Wolverine.Http;

namespace Ledger.Api.Audit;

/// <summary>The online answer to a scanned credential: whether it is genuine and what the ledger says of the certificate today.</summary>
public sealed record CredentialVerification(
    bool Valid,
    string Status,
    string ReasonZh,
    string Reason,
    string? NumberMasked,
    string? HolderNameMasked,
    string? Kind,
    string? WorkType,
    string? IssuingAuthority,
    string? ValidUntil,
    string? NextReviewDue,
    LocalDate CheckedFor);

public static partial class CredentialEndpoints
{
    /// <summary>
    /// Where the QR code points: checks the credential's signature and asks the ledger for the certificate's status
    /// today. Rate-limited like the number-and-name verification; the answer carries the credential's masked data only.
    /// </summary>
    [WolverineGet("/api/credentials/verify", Name = "VerifyCredential")]
    [AllowAnonymous, EnableRateLimiting(VerificationRateLimit.Policy)]
    public static async Task<IResult> Verify(string? c, IQuerySession session, LedgerSigner signer, CertificateCredentials credentials, IClock clock,
        CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(c) || c.Length > 4000)
            throw new RequestValidationException(new Dictionary<string, string[]>
            {
                ["c"] = ["必填，至多 4000 个字符：证书二维码中的凭证 / is required, at most 4000 characters: the credential from the certificate's QR code"],
            });
        var today = clock.Today();
        var offline = CertificateCredential.Verify(c, signer.PublicKeys, DateOnly.FromDateTime(today.ToDateTimeUnspecified()));
        if (offline.Claims is not { } claims || offline.Status == "invalid")
            return Results.Ok(new CredentialVerification(false, "invalid", offline.ReasonZh, offline.Reason, null, null, null, null, null, null, null, today));
        var id = await credentials.CertificateAtAsync(claims.StatusIndex, ct);
        var certificate = id is null ? null : await session.LoadAsync<Certificate>(id.Value, ct);
        if (certificate is null || credentials.NumberHash(certificate.Number) != claims.NumberHash)
            return Results.Ok(new CredentialVerification(false, "invalid", "凭证签名有效，但与账本中的证书不符", "the credential is signed but matches no certificate in the ledger",
                null, null, null, null, null, null, null, today));
        var status = certificate.StatusOn(today);
        var (zh, en) = status switch
        {
            CertificateStatus.Valid => ("证书有效", "the certificate is valid"),
            CertificateStatus.Revoked => ("证书已吊销", "the certificate is revoked"),
            CertificateStatus.Suspended => ("证书已暂扣", "the certificate is suspended"),
            CertificateStatus.Expired => ("证书已过期", "the certificate has expired"),
            CertificateStatus.ReviewOverdue => ("证书逾期未复审", "the certificate's review is overdue"),
            CertificateStatus.ReviewFailed => ("证书复审不合格", "the certificate failed its review"),
            CertificateStatus.Superseded => ("证书已换发，以新证为准", "the certificate was superseded by a new one"),
            _ => ("证书尚未生效", "the certificate is not valid yet"),
        };
        return Results.Ok(new CredentialVerification(status == CertificateStatus.Valid, JsonNames.Kebab(status), zh, en, claims.NumberMasked, claims.HolderMasked,
            claims.Kind, claims.WorkType, claims.IssuingAuthority, claims.ValidUntil,
            certificate.NextReviewDue is { } due ? CertificateCredentials.Date(due) : null, today));
    }
}
