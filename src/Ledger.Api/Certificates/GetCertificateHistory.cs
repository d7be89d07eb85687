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

/// <summary>A certificate's events in order, each described for the reader.</summary>
public sealed record CertificateHistoryView(Guid CertificateId, IReadOnlyList<RecordedEvent> Events);

public static partial class ReadCertificateEndpoints
{
    /// <summary>Every event of the certificate in order: type, business date, recorded time, actor, organisation, reason, correlation id, version.</summary>
    [WolverineGet("/api/certificates/{certificateId:guid}/history", Name = "GetCertificateHistory")]
    [ActorRoles(ActorRole.Regulator, ActorRole.ExamPoint, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<CertificateHistoryView> History(Guid certificateId, IQuerySession session, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(certificateId, token: ct);
        if (events.Count == 0) throw new ResourceNotFoundException("certificate");
        return new CertificateHistoryView(certificateId, events.Select(EventFacts.Describe).ToList());
    }
}
