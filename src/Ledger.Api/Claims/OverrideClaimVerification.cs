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

public sealed record OverrideRequest(int? LineNo, string? Reason, string? On, long? Version)
{
    public sealed class Validator : AbstractValidator<OverrideRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.LineNo).NotNull().WithMessage("is required");
            RuleFor(r => r.Reason).Text(500);
            RuleFor(r => r.On).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public static partial class ClaimWorkflowEndpoints
{
    [WolverinePost("/api/claims/{claimId:guid}/verification-overrides", Name = "OverrideClaimVerification")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau)]
    public static async Task<IResult> Override(Guid claimId, OverrideRequest? request, HttpContext http, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new OverrideRequest.Validator(clock.Today()));
        var written = await session.DecideAsync<Claim>(claimId, r.Version!.Value, "claim",
            claim => ClaimDecider.Override(claim, ActorMiddleware.Required(http), r.LineNo!.Value, r.Reason!.Trim(), RequestValidation.Date(r.On!)), ct);
        return Results.Ok(Written(claimId, written.Before.Stage, written.Version));
    }
}
