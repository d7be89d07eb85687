using Ledger.Domain.Actors;
using FluentValidation;
using Ledger.Api.Certificates;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain;
using Ledger.Domain.Certificates;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Institutions;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using Marten;
using NodaTime;
using NodaTime.Text;
using Wolverine.Http;

namespace Ledger.Api.Training;

public sealed record FaceRequest(int? Checks, int? Passed, string? Provider);

public sealed record CreditAttendanceRequest(Guid? SessionId, Guid? PersonId, decimal? Hours, FaceRequest? Face, string? LateEntryReason)
{
    public sealed class Validator : AbstractValidator<CreditAttendanceRequest>
    {
        public Validator()
        {
            RuleFor(r => r.SessionId).NotNull().WithMessage("is required");
            RuleFor(r => r.PersonId).NotNull().WithMessage("is required");
            RuleFor(r => r.Hours).NotNull().WithMessage("is required").GreaterThan(0).WithMessage("must be positive").LessThanOrEqualTo(24);
            RuleFor(r => r.Face!.Checks).NotNull().GreaterThan(0).When(r => r.Face is not null).WithMessage("must be a positive count").OverridePropertyName("face.checks");
            RuleFor(r => r.Face!.Passed).NotNull().GreaterThanOrEqualTo(0).When(r => r.Face is not null).WithMessage("must be zero or more").OverridePropertyName("face.passed");
            RuleFor(r => r.Face!.Passed).Must((r, passed) => passed <= r.Face!.Checks).When(r => r.Face is { Checks: not null, Passed: not null })
                .WithMessage("cannot exceed checks").OverridePropertyName("face.passed");
            RuleFor(r => r.Face!.Provider).NotEmpty().When(r => r.Face is not null).WithMessage("is required").OverridePropertyName("face.provider");
            RuleFor(r => r.LateEntryReason).MaximumLength(500);
        }
    }
}

public sealed record AttendanceWritten(Guid ClassId, Guid PersonId, bool Credited);

public static partial class TrainingEndpoints
{
    /// <summary>Credits one session's hours to one person, on the person's stream; crediting the same session twice adds nothing.</summary>
    [WolverinePost("/api/training-classes/{classId:guid}/attendance", Name = "CreditAttendance")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.ExamPoint, ActorRole.Enterprise)]
    public static async Task<IResult> Attend(Guid classId, CreditAttendanceRequest? request, HttpContext http, IDocumentSession session, PolicyCatalog policies,
        IClock clock, CancellationToken ct)
    {
        var today = clock.Today();
        var r = RequestValidation.Valid(request, new CreditAttendanceRequest.Validator());
        var trainingClass = await session.LoadAsync<TrainingClass>(classId, ct) ?? throw new ResourceNotFoundException("training class");
        var sessionDate = trainingClass.Session(r.SessionId!.Value)?.Date ?? trainingClass.OpenedOn;
        var face = r.Face is null ? null : new FaceVerification(r.Face.Checks!.Value, r.Face.Passed!.Value, r.Face.Provider!.Trim());
        var credited = false;
        await session.DecideLatestAsync<Person>(r.PersonId!.Value, "person", person =>
        {
            // A provider credits only its own trainees: naming a stranger's id answers as an unknown person does.
            if (!Scope.MayCreditAttendance(ActorMiddleware.Required(http), person, trainingClass)) throw new ResourceNotFoundException("person");
            var events = TrainingDecider.Decide(new CreditAttendance(r.SessionId!.Value, r.Hours!.Value, face, r.LateEntryReason?.Trim()),
                trainingClass, person, TrainingRulesInForce.For(policies, trainingClass.Jurisdiction, sessionDate), today);
            credited = events.Length > 0;
            return events;
        }, ct);
        return Results.Ok(new AttendanceWritten(classId, r.PersonId!.Value, credited));
    }
}
