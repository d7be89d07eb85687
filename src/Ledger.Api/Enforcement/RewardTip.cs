using FluentValidation;
using Ledger.Api.Access;
using Ledger.Api.Certificates;
using Ledger.Api.Http;
using Ledger.Domain.Actors;
using Ledger.Domain.Enforcement;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Enforcement;

public sealed record RewardTipRequest(decimal? Amount, string? PaymentReference, string? GrantedOn, string? Reason, long? Version)
{
    public sealed class Validator : AbstractValidator<RewardTipRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.Amount).NotNull().WithMessage("is required").GreaterThan(0).WithMessage("must be positive").LessThanOrEqualTo(10_000_000m)
                .WithMessage("cannot exceed 10000000");
            RuleFor(r => r.PaymentReference).Text(60);
            RuleFor(r => r.GrantedOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Reason).Text(500);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public static partial class EnforcementEndpoints
{
    /// <summary>按规定给予举报奖励: only for a tip-off verified true (HLJ-ENF-04).</summary>
    [WolverinePost("/api/tip-offs/{tipId:guid}/rewards", Name = "RewardTip")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<IResult> RewardTip(Guid tipId, RewardTipRequest? request, HttpContext http, IDocumentSession session, PolicyCatalog policies, IClock clock,
        CancellationToken ct)
    {
        var actor = ActorMiddleware.Required(http);
        var r = RequestValidation.Valid(request, new RewardTipRequest.Validator(clock.Today()));
        var current = await VisibleTipAsync(session, tipId, actor, policies, ct);
        var on = RequestValidation.Date(r.GrantedOn!);
        // The reward rule of the tip's own document, on the day it was received: the hotline it was made to promised it.
        var rules = EnforcementRulesInForce.For(policies, current.Jurisdiction, current.ReceivedOn, highRisk: true);
        var written = await session.DecideAsync<TipOff>(tipId, r.Version!.Value, "tip-off", tip => EnforcementDecider.Reward(tip,
            new GrantTipReward(r.Amount!.Value, r.PaymentReference!.Trim(), on, r.Reason!.Trim()), actor, rules, policies), ct);
        return Results.Ok(new TipWritten(tipId, written.Version));
    }
}
