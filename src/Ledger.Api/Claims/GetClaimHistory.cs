using Ledger.Domain.Actors;
using FluentValidation;
using Ledger.Api.Certificates;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using Ledger.Projections;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Claims;

/// <summary>A claim's events in order, each disclosed as far as the reader may see.</summary>
public sealed record ClaimHistoryView(Guid ClaimId, IReadOnlyList<RecordedEvent> Events);

public static partial class ClaimWorkflowEndpoints
{
    [WolverineGet("/api/claims/{claimId:guid}/history", Name = "GetClaimHistory")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.TrainingInstitution, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<ClaimHistoryView> History(Guid claimId, IQuerySession session, HttpContext http, IDocumentStore store, PolicyCatalog policies, IClock clock, CancellationToken ct)
    {
        await ClaimAccess.ReadAsync(http, session, store, policies, clock, claimId, ct);
        var events = await session.Events.FetchStreamAsync(claimId, token: ct);
        if (events.Count == 0) throw new ResourceNotFoundException("claim");
        var actor = ActorMiddleware.Required(http);
        return new ClaimHistoryView(claimId, events.Select(e => ClaimDisclosure.Describe(actor, e)).ToList());
    }
}
