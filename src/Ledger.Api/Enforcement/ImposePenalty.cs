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

public sealed record ImposePenaltyRequest(string? Kind, decimal? FineAmount, string? LegalBasis, string? DecisionNumber, string? DecidedOn, string? Reason, long? Version)
{
    public sealed class Validator : AbstractValidator<ImposePenaltyRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.Kind).MustBeKebab<ImposePenaltyRequest, PenaltyKind>();
            RuleFor(r => r.FineAmount).GreaterThan(0).WithMessage("must be positive").LessThanOrEqualTo(100_000_000m).WithMessage("cannot exceed 100000000")
                .When(r => r.FineAmount is not null);
            RuleFor(r => r.LegalBasis).Text(300);
            RuleFor(r => r.DecisionNumber).Text(60);
            RuleFor(r => r.DecidedOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Reason).Text(500);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public static partial class EnforcementEndpoints
{
    /// <summary>The administrative penalty (予以处罚) for the inspection's latest order.</summary>
    [WolverinePost("/api/inspections/{inspectionId:guid}/penalties", Name = "ImposePenalty")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<IResult> ImposePenalty(Guid inspectionId, ImposePenaltyRequest? request, HttpContext http, IDocumentSession session, PolicyCatalog policies,
        IClock clock, CancellationToken ct)
    {
        var actor = ActorMiddleware.Required(http);
        var r = RequestValidation.Valid(request, new ImposePenaltyRequest.Validator(clock.Today()));
        await WritableInspectionAsync(session, inspectionId, actor, policies, ct);
        JsonNames.TryParseKebab<PenaltyKind>(r.Kind, out var kind);
        var written = await session.DecideAsync<Inspection>(inspectionId, r.Version!.Value, "inspection", inspection => EnforcementDecider.Penalise(inspection,
            new Domain.Enforcement.ImposePenalty(kind, r.FineAmount, r.LegalBasis!.Trim(), r.DecisionNumber!.Trim(), RequestValidation.Date(r.DecidedOn!), r.Reason!.Trim()),
            actor, policies), ct);
        return Results.Ok(new InspectionWritten(inspectionId, written.Version));
    }
}
