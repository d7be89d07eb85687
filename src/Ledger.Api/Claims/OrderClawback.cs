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

public sealed record ClawbackRequest(IReadOnlyList<int>? LineNos, string? Reason, IReadOnlyList<string>? RuleIds, string? On, long? Version)
{
    public sealed class Validator : AbstractValidator<ClawbackRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.LineNos).NotEmpty().WithMessage("must name the lines to recover");
            RuleFor(r => r.Reason).Text(500);
            RuleFor(r => r.RuleIds).NotEmpty().WithMessage("must name the rule or fraud pattern found");
            RuleFor(r => r.On).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public static partial class ClaimWorkflowEndpoints
{
    [WolverinePost("/api/claims/{claimId:guid}/clawbacks", Name = "OrderClawback")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau)]
    public static async Task<IResult> Clawback(Guid claimId, ClawbackRequest? request, HttpContext http, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new ClawbackRequest.Validator(clock.Today()));
        ClawbackOrdered? ordered = null;
        var written = await session.DecideAsync<Claim>(claimId, r.Version!.Value, "claim", claim => ordered = ClaimDecider.OrderClawback(claim,
            ActorMiddleware.Required(http), new OrderClawback(r.LineNos!, r.Reason!.Trim(), r.RuleIds!, RequestValidation.Date(r.On!))), ct);
        return Results.Ok(Written(claimId, written.Before.Stage, written.Version) with { Amount = ordered!.Amount });
    }
}
