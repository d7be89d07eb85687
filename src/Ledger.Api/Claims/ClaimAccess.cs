using Ledger.Api.Infrastructure;
using Ledger.Domain.Claims;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;

namespace Ledger.Api.Claims;

/// <summary>Every read of one claim passes here: the caller's scope is checked and an auditor's read is recorded.</summary>
public static class ClaimAccess
{
    public static async Task<Claim> ReadAsync(HttpContext http, IQuerySession session, IDocumentStore store, PolicyCatalog policies, IClock clock,
        Guid claimId, CancellationToken ct)
    {
        var reason = AccessRecords.Reason(http);
        var claim = await session.LoadAsync<Claim>(claimId, ct) ?? throw new ResourceNotFoundException("claim");
        Scope.Claim(ActorMiddleware.Required(http), policies, claim);
        await AccessRecords.RecordAsync(http, store, clock, reason, "claim", claimId, ct);
        return claim;
    }
}
