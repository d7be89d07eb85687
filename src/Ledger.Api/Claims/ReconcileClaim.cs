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

public sealed record ReconcileRequest(string? BankReference, string? On, long? Version)
{
    public sealed class Validator : AbstractValidator<ReconcileRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.BankReference).Text(64);
            RuleFor(r => r.On).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public static partial class ClaimWorkflowEndpoints
{
    [WolverinePost("/api/claims/{claimId:guid}/reconciliation", Name = "ReconcileClaim")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau)]
    public static async Task<IResult> Reconcile(Guid claimId, ReconcileRequest? request, HttpContext http, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new ReconcileRequest.Validator(clock.Today()));
        var written = await session.DecideAsync<Claim>(claimId, r.Version!.Value, "claim",
            claim => ClaimDecider.Reconcile(claim, ActorMiddleware.Required(http), r.BankReference!.Trim(), RequestValidation.Date(r.On!)), ct);
        return Results.Ok(Written(claimId, ClaimStage.Reconciled, written.Version));
    }
}
