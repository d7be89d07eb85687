using Ledger.Domain.Actors;
using FluentValidation;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Enterprises;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Enterprises;

/// <param name="ApprovedBy">The principal (主要负责人) who had the plan drawn up.</param>
/// <param name="CoversDispatchedAndOutsourced">Whether dispatched and outsourced workers are in the plan (JZ-PLN-02, HLJ-PLN-02).</param>
public sealed record AdoptTrainingPlanRequest(int? Year, string? AdoptedOn, string? Title, string? ApprovedBy, bool? CoversDispatchedAndOutsourced,
    string? DocumentReference, long? Version)
{
    public sealed class Validator : AbstractValidator<AdoptTrainingPlanRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.Year).NotNull().WithMessage("is required").InclusiveBetween(2000, today.Year + 1).WithMessage($"must be between 2000 and {today.Year + 1}");
            RuleFor(r => r.AdoptedOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Title).Text(200);
            RuleFor(r => r.ApprovedBy).Text(50);
            RuleFor(r => r.CoversDispatchedAndOutsourced).NotNull().WithMessage("is required");
            RuleFor(r => r.DocumentReference).MaximumLength(100).WithMessage("must be at most 100 characters")
                .Must(t => t is null || RequestValidation.IsPlainText(t)).WithMessage("must not contain control characters, direction overrides or invisible characters");
            RuleFor(r => r.Version).NotNull().WithMessage("is required: the enterprise version this plan is recorded on").GreaterThan(0);
        }
    }
}

public static partial class ChangeEnterpriseEndpoints
{
    /// <summary>The unit's training plan, adopted under its principal (JZ-PLN-01, HLJ-PLN-01 by 2020-04-30; TZ-PLN-01), recorded by the enterprise or its regulator.</summary>
    [WolverinePost("/api/enterprises/{enterpriseId:guid}/training-plans", Name = "AdoptTrainingPlan")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise)]
    public static async Task<EnterpriseChanged> TrainingPlan(Guid enterpriseId, AdoptTrainingPlanRequest? request, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new AdoptTrainingPlanRequest.Validator(clock.Today()));
        var written = await session.DecideManyAsync<Enterprise>(enterpriseId, r.Version!.Value, "enterprise", enterprise => EnterpriseDecider.Decide(
            new AdoptTrainingPlan(r.Year!.Value, RequestValidation.Date(r.AdoptedOn!), r.Title!.Trim(), r.ApprovedBy!.Trim(), r.CoversDispatchedAndOutsourced!.Value,
                string.IsNullOrWhiteSpace(r.DocumentReference) ? null : r.DocumentReference.Trim()), enterprise), ct);
        return new EnterpriseChanged(enterpriseId, written.Version);
    }
}
