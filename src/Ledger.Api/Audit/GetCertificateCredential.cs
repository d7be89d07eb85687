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

/// <summary>A signed credential for the certificate's QR code and the address that verifies it.</summary>
public sealed record CertificateCredentialView(Guid CertificateId, string Credential, string VerifyUrl);

public static partial class CredentialEndpoints
{
    /// <summary>The credential for a certificate's QR code, for the roles that may read the certificate.</summary>
    [WolverineGet("/api/certificates/{certificateId:guid}/credential", Name = "GetCertificateCredential")]
    [ActorRoles(ActorRole.Regulator, ActorRole.ExamPoint, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<IResult> Credential(Guid certificateId, IQuerySession session, CertificateCredentials credentials, IClock clock, HttpContext http,
        CancellationToken ct)
    {
        var certificate = await session.LoadAsync<Certificate>(certificateId, ct) ?? throw new ResourceNotFoundException("certificate");
        var baseUrl = BaseUrl(http);
        var credential = await credentials.IssueAsync(certificate, baseUrl, clock.GetCurrentInstant().ToDateTimeOffset(), ct);
        return Results.Ok(new CertificateCredentialView(certificateId, credential, CertificateCredentials.VerifyUrl(baseUrl, credential)));
    }
}
