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

public sealed record RepayRequest(decimal? Amount, string? Reference, string? On, long? Version)
{
    public sealed class Validator : AbstractValidator<RepayRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.Amount).NotNull().WithMessage("is required").GreaterThan(0);
            RuleFor(r => r.Reference).Text(64);
            RuleFor(r => r.On).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public static partial class ClaimWorkflowEndpoints
{
    [WolverinePost("/api/claims/{claimId:guid}/clawback-repayments", Name = "RepayClawback")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau)]
    public static async Task<IResult> Repay(Guid claimId, RepayRequest? request, HttpContext http, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new RepayRequest.Validator(clock.Today()));
        var written = await session.DecideAsync<Claim>(claimId, r.Version!.Value, "claim",
            claim => ClaimDecider.Repay(claim, ActorMiddleware.Required(http), r.Amount!.Value, r.Reference!.Trim(), RequestValidation.Date(r.On!)), ct);
        return Results.Ok(Written(claimId, written.Before.Stage, written.Version));
    }
}
