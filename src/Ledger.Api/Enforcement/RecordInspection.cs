using FluentValidation;
using Ledger.Api.Access;
using Ledger.Api.Http;
using Ledger.Domain.Actors;
using Ledger.Domain.Enforcement;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Enforcement;

public sealed record QuizResultRequest(string? Group, int? Examined, int? Passed);

public sealed record RecordInspectionRequest(
    Guid? EnterpriseId,
    string? InspectedOn,
    bool? TrainingPlanChecked,
    string? TrainingPlanFinding,
    int? CertificatesChecked,
    int? CertificatesMissing,
    IReadOnlyList<QuizResultRequest?>? SpotQuiz,
    Guid? TipId,
    string? Reason)
{
    public sealed class Validator : AbstractValidator<RecordInspectionRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.EnterpriseId).NotNull().WithMessage("is required: the inspected enterprise's id").NotEqual(Guid.Empty).WithMessage("must not be the empty UUID");
            RuleFor(r => r.InspectedOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.TrainingPlanChecked).NotNull().WithMessage("is required");
            RuleFor(r => r.TrainingPlanFinding).MaximumLength(500).WithMessage("is at most 500 characters").Must(t => t is null || RequestValidation.IsPlainText(t))
                .WithMessage("must not contain control characters, direction overrides or invisible characters");
            RuleFor(r => r.CertificatesChecked).NotNull().WithMessage("is required").InclusiveBetween(0, 100_000).WithMessage("must be between 0 and 100000");
            RuleFor(r => r.CertificatesMissing).NotNull().WithMessage("is required").InclusiveBetween(0, 100_000).WithMessage("must be between 0 and 100000");
            RuleFor(r => r.SpotQuiz).NotNull().WithMessage("is required: the groups quizzed, or an empty list").Must(q => q is null || q.Count <= 4)
                .WithMessage("cannot exceed one entry per group");
            RuleForEach(r => r.SpotQuiz).NotNull().WithMessage("is required").ChildRules(q =>
            {
                q.RuleFor(x => x!.Group).MustBeKebab<QuizResultRequest?, QuizGroup>();
                q.RuleFor(x => x!.Examined).NotNull().WithMessage("is required").InclusiveBetween(0, 10_000).WithMessage("must be between 0 and 10000");
                q.RuleFor(x => x!.Passed).NotNull().WithMessage("is required").InclusiveBetween(0, 10_000).WithMessage("must be between 0 and 10000");
            });
            RuleFor(r => r.SpotQuiz).Must(q => q is null || q.Where(x => x is not null).Select(x => x!.Group).Distinct().Count() == q.Count(x => x is not null))
                .WithMessage("must list each group once (unique)");
            RuleFor(r => r.Reason).Text(500);
        }
    }
}

public static partial class EnforcementEndpoints
{
    /// <summary>Records an inspection of an enterprise by a regulator of its jurisdiction, and what it checked (JZ-ENF-01, TZ-ENF-03, QF-ENF-02).</summary>
    [WolverinePost("/api/inspections", Name = "RecordInspection")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<IResult> RecordInspection(RecordInspectionRequest? request, HttpContext http, IDocumentSession session, PolicyCatalog policies,
        IndustryCatalog industries, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new RecordInspectionRequest.Validator(clock.Today()));
        var actor = ActorMiddleware.Required(http);
        var enterprise = await session.LoadAsync<Enterprise>(r.EnterpriseId!.Value, ct) ?? throw new ResourceNotFoundException("enterprise");
        Scope.Organisation(actor, policies, "enterprise", enterprise.Jurisdiction, enterprise.Id, null);
        if (r.TipId is { } tipId) _ = await VisibleTipAsync(session, tipId, actor, policies, ct);
        var on = RequestValidation.Date(r.InspectedOn!);
        var quiz = r.SpotQuiz!.Select(q =>
        {
            JsonNames.TryParseKebab<QuizGroup>(q!.Group, out var group);
            return new QuizResult(group, q.Examined!.Value, q.Passed!.Value);
        }).ToList();
        var highRisk = industries.IsHighRisk(enterprise.Industry);
        var inspectionId = Guid.CreateVersion7();
        var recorded = EnforcementDecider.Record(
            new Domain.Enforcement.RecordInspection(inspectionId, on, r.TrainingPlanChecked!.Value, r.TrainingPlanFinding?.Trim() is { Length: > 0 } plan ? plan : null,
                r.CertificatesChecked!.Value, r.CertificatesMissing!.Value, quiz, r.TipId, r.Reason!.Trim()),
            new InspectedEnterprise(enterprise.Id, enterprise.Name, enterprise.Jurisdiction, highRisk), actor,
            EnforcementRulesInForce.For(policies, enterprise.Jurisdiction, on, highRisk), policies);
        session.Events.StartStream<Inspection>(inspectionId, recorded);
        await session.SaveNewStreamAsync("inspection", inspectionId, $"/api/inspections/{inspectionId}", "an inspection with this id already exists", ct);
        return Results.Created($"/api/inspections/{inspectionId}", new InspectionWritten(inspectionId, 1));
    }
}
