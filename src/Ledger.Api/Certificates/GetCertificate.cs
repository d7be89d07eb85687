using Ledger.Domain.Actors;
using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Persons;
using Ledger.Domain;
using Ledger.Domain.Certificates;
using Ledger.Domain.Policies;
using Ledger.Projections;
using Ledger.Projections.Certificates;
using Marten;
using Microsoft.AspNetCore.RateLimiting;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Certificates;

public sealed record CertificateView(
    Guid CertificateId,
    Guid PersonId,
    string Number,
    string Kind,
    string? WorkType,
    string? Industry,
    string IssuingAuthority,
    LocalDate PassDate,
    LocalDate IssuedOn,
    LocalDate ValidFrom,
    LocalDate? ValidUntil,
    LocalDate? NextReviewDue,
    CertificateStanding Standing,
    CertificateStatus Status,
    LocalDate StatusOn,
    Instant? AsOf,
    Guid? Supersedes,
    Guid? SupersededBy,
    long Version);

public static partial class ReadCertificateEndpoints
{
    /// <summary>A certificate and its status on a day; with asOf, as the ledger knew it at that instant.</summary>
    [WolverineGet("/api/certificates/{certificateId:guid}", Name = "GetCertificate")]
    [ActorRoles(ActorRole.Regulator, ActorRole.ExamPoint, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<IResult> Get(Guid certificateId, string? asOf, string? on, IQuerySession session, IClock clock, CancellationToken ct)
    {
        var (instant, date) = AsOfQuery.Parse(asOf, on, clock);
        var certificate = instant is null
            ? await session.LoadAsync<Certificate>(certificateId, ct)
            : await session.Events.AggregateStreamAsync<Certificate>(certificateId, timestamp: instant.Value.ToDateTimeOffset(), token: ct);
        if (certificate is null) throw new ResourceNotFoundException("certificate");
        return Results.Ok(new CertificateView(certificate.Id, certificate.PersonId, certificate.Number, certificate.Kind, certificate.WorkType,
            certificate.Industry, certificate.IssuingAuthority, certificate.PassDate, certificate.IssuedOn, certificate.ValidFrom, certificate.ValidUntil,
            certificate.NextReviewDue, certificate.Standing, certificate.StatusOn(date), date, instant, certificate.Supersedes, certificate.SupersededBy,
            certificate.Version));
    }
}
