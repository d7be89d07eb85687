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

public sealed record LineDecisionRequest(int? LineNo, bool? Approved, decimal? Amount, string? Reason);

public sealed record ApproveRequest(IReadOnlyList<LineDecisionRequest>? Lines, string? On, long? Version)
{
    public sealed class Validator : AbstractValidator<ApproveRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.Lines).NotEmpty().WithMessage("must decide at least one line");
            RuleForEach(r => r.Lines).ChildRules(l =>
            {
                l.RuleFor(x => x.LineNo).NotNull().WithMessage("is required");
                l.RuleFor(x => x.Approved).NotNull().WithMessage("is required");
                l.RuleFor(x => x.Amount).GreaterThanOrEqualTo(0);
                l.RuleFor(x => x.Reason).NotEmpty().When(x => x.Approved == false).WithMessage("is required when a line is not approved");
            });
            RuleFor(r => r.On).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public static partial class ClaimWorkflowEndpoints
{
    [WolverinePost("/api/claims/{claimId:guid}/approval", Name = "ApproveClaim")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau)]
    public static async Task<IResult> Approve(Guid claimId, ApproveRequest? request, HttpContext http, IDocumentSession session, PolicyCatalog policies,
        IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new ApproveRequest.Validator(clock.Today()));
        var command = new Approve(r.Lines!.Select(l => new LineDecision(l.LineNo!.Value, l.Approved!.Value, l.Amount ?? 0m, l.Reason)).ToList(), RequestValidation.Date(r.On!));
        ClaimApproved? approved = null;
        var written = await session.DecideManyAsync<Claim>(claimId, r.Version!.Value, "claim", async claim =>
        {
            var entitlements = await session.ReadForWritingAsync<Entitlement>(ClaimDecider.EntitlementsOf(claim), ct);
            var step = ClaimDecider.Approve(claim, ActorMiddleware.Required(http), command, policies, entitlements.States);
            entitlements.Append(step.Entitlements.Select(e => (e.EntitlementId, (object)e)));
            approved = step.Claim;
            return [step.Claim];
        }, ct);
        return Results.Ok(Written(claimId, ClaimStage.Approved, written.Version) with { ApprovedAmount = approved!.ApprovedAmount });
    }
}
