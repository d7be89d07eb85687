using Ledger.Domain.Actors;
using FluentValidation;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Assessments;
using Ledger.Domain.Certificates;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Assessments;

public sealed record RecordAssessmentRequest(
    string? Kind, Guid? EnterpriseId, Guid? ClassId, string? Jurisdiction, string? Post, string? WorkType,
    decimal? TheoryScore, decimal? TheoryPassMark, decimal? PracticalScore, decimal? PracticalPassMark, string? PracticalMode,
    IReadOnlyList<string>? KeySkillsFailed, string? AssessedOn, string? Assessor)
{
    public sealed class Validator : AbstractValidator<RecordAssessmentRequest>
    {
        public Validator(LocalDate today, CertificateCatalog catalog, PolicyCatalog policies)
        {
            RuleFor(r => r.Kind).MustBeKebab<RecordAssessmentRequest, AssessmentKind>();
            RuleFor(r => r.EnterpriseId).NotNull().When(r => r.Kind == "post-assessment").WithMessage("is required for a post assessment");
            RuleFor(r => r.Jurisdiction).NotEmpty().When(r => r.EnterpriseId is null && r.ClassId is null)
                .WithMessage("is required when neither enterpriseId nor classId says where the assessment took place");
            RuleFor(r => r.Jurisdiction).Must(j => policies.Find(j!) is not null).When(r => !string.IsNullOrEmpty(r.Jurisdiction))
                .WithMessage("is not a known jurisdiction (GET /api/jurisdictions)");
            RuleFor(r => r.Post).MaximumLength(100);
            RuleFor(r => r.WorkType).Must(w => catalog.FindWorkType(w!) is not null).When(r => !string.IsNullOrEmpty(r.WorkType))
                .WithMessage("is not a work type of the national special operation catalogue");
            RuleFor(r => r.TheoryScore).NotNull().WithMessage("is required").InclusiveBetween(0, 100).WithMessage("must be between 0 and 100");
            RuleFor(r => r.TheoryPassMark).NotNull().WithMessage("is required").InclusiveBetween(0, 100).WithMessage("must be between 0 and 100");
            RuleFor(r => r.PracticalScore).InclusiveBetween(0, 100).WithMessage("must be between 0 and 100");
            RuleFor(r => r.PracticalPassMark).NotNull().When(r => r.PracticalScore is not null).WithMessage("is required with a practical score")
                .InclusiveBetween(0, 100).WithMessage("must be between 0 and 100");
            RuleFor(r => r.PracticalMode).MustBeKebab<RecordAssessmentRequest, PracticalMode>().When(r => r.PracticalScore is not null || !string.IsNullOrEmpty(r.PracticalMode));
            RuleForEach(r => r.KeySkillsFailed).NotEmpty().MaximumLength(100).WithMessage("each failed key skill is named in at most 100 characters");
            RuleFor(r => r.AssessedOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Assessor).Text(100);
        }
    }
}

public sealed record AssessmentWritten(Guid PersonId, Guid AssessmentId, bool Passed, IReadOnlyList<string> DecidedBy);

public static class RecordAssessmentEndpoint
{
    /// <summary>A post assessment, spot check or training assessment; the pass or fail is decided here under the rules in force, never typed in.</summary>
    [WolverinePost("/api/persons/{personId:guid}/assessments", Name = "RecordAssessment")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.TrainingInstitution)]
    public static async Task<IResult> Post(Guid personId, RecordAssessmentRequest? request, HttpContext http, IDocumentSession session, CertificateCatalog catalog,
        PolicyCatalog policies, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new RecordAssessmentRequest.Validator(clock.Today(), catalog, policies));
        var actor = ActorMiddleware.Required(http);
        var person = await session.LoadAsync<Person>(personId, ct) ?? throw new ResourceNotFoundException("person");
        var jurisdiction = r.Jurisdiction;
        // An enterprise assesses its own staff, an institution in its own classes, a bureau within its jurisdiction.
        if (r.EnterpriseId is { } enterpriseId)
        {
            var enterprise = await session.LoadAsync<Enterprise>(enterpriseId, ct) ?? throw new ResourceNotFoundException("enterprise");
            Scope.Organisation(actor, policies, "enterprise", enterprise.Jurisdiction, enterprise.Id, null);
            jurisdiction = enterprise.Jurisdiction;
        }
        else if (r.ClassId is { } classId)
        {
            var trainingClass = await session.LoadAsync<TrainingClass>(classId, ct) ?? throw new ResourceNotFoundException("training class");
            Scope.Organisation(actor, policies, "training class", trainingClass.Jurisdiction,
                trainingClass.ProviderKind == TrainingProviderKind.Enterprise ? trainingClass.ProviderId : null,
                trainingClass.ProviderKind == TrainingProviderKind.Institution ? trainingClass.ProviderId : null);
            // An institution assesses its trainees in the class they are enrolled in, not anyone by naming its own class.
            if (actor.Role is ActorRole.TrainingInstitution or ActorRole.ExamPoint && !person.IsEnrolledIn(classId))
                throw new ResourceNotFoundException("person");
            jurisdiction = trainingClass.Jurisdiction;
        }
        else if (!Scope.IsBureau(actor))
            throw new ForbiddenException("an enterprise or institution records assessments of its own staff or classes: name the enterprise or the class");
        else Scope.BureauJurisdiction(actor, policies, "assessment", jurisdiction!);

        var assessedOn = RequestValidation.Date(r.AssessedOn!);
        var rules = AssessmentRulesInForce.For(policies, jurisdiction!, assessedOn);
        JsonNames.TryParseKebab<AssessmentKind>(r.Kind, out var kind);
        PracticalMode? mode = JsonNames.TryParseKebab<PracticalMode>(r.PracticalMode, out var m) ? m : null;
        var assessmentId = Guid.CreateVersion7();
        var command = new RecordAssessment(assessmentId, kind, r.EnterpriseId, r.ClassId, jurisdiction!, r.Post, r.WorkType,
            r.TheoryScore!.Value, r.TheoryPassMark!.Value, r.PracticalScore, r.PracticalPassMark, mode, r.KeySkillsFailed ?? [], assessedOn, r.Assessor!.Trim());
        AssessmentRecorded? recorded = null;
        await session.DecideLatestAsync<Person>(personId, "person", current => [recorded = AssessmentDecider.Decide(command, current, rules)], ct);
        return Results.Created($"/api/persons/{personId}", new AssessmentWritten(personId, assessmentId, recorded!.Passed, recorded.DecidedBy));
    }
}
