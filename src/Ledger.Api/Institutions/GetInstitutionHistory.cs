using Ledger.Domain.Actors;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Persons;
using Ledger.Domain.Certificates;
using Ledger.Domain.Institutions;
using Ledger.Projections;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Institutions;

/// <summary>An institution's events in order.</summary>
public sealed record InstitutionHistoryView(Guid InstitutionId, IReadOnlyList<RecordedEvent> Events);

public static partial class ReadInstitutionEndpoints
{
    /// <summary>Every event of the institution in order, with business date, actor, reason and version.</summary>
    [WolverineGet("/api/institutions/{institutionId:guid}/history", Name = "GetInstitutionHistory")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.ExamPoint, ActorRole.HrBureau, ActorRole.Auditor)]
    public static async Task<IResult> History(Guid institutionId, IQuerySession session, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(institutionId, token: ct);
        if (events.Count == 0) throw new ResourceNotFoundException("institution");
        return Results.Ok(new InstitutionHistoryView(institutionId, events.Select(EventFacts.Describe).ToList()));
    }
}
