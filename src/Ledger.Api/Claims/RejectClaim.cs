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

public sealed record RejectRequest(string? Reason, string? On, long? Version)
{
    public sealed class Validator : AbstractValidator<RejectRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.Reason).Text(500);
            RuleFor(r => r.On).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public static partial class ClaimWorkflowEndpoints
{
    [WolverinePost("/api/claims/{claimId:guid}/rejection", Name = "RejectClaim")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau)]
    public static async Task<IResult> Reject(Guid claimId, RejectRequest? request, HttpContext http, IDocumentSession session, PolicyCatalog policies,
        IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new RejectRequest.Validator(clock.Today()));
        var written = await session.DecideManyAsync<Claim>(claimId, r.Version!.Value, "claim", async claim =>
        {
            var entitlements = await session.ReadForWritingAsync<Entitlement>(ClaimDecider.EntitlementsOf(claim), ct);
            var step = ClaimDecider.Reject(claim, ActorMiddleware.Required(http), r.Reason!.Trim(), RequestValidation.Date(r.On!), policies, entitlements.States);
            entitlements.Append(step.Entitlements.Select(e => (e.EntitlementId, (object)e)));
            return [step.Claim];
        }, ct);
        return Results.Ok(Written(claimId, ClaimStage.Rejected, written.Version));
    }
}
