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

public sealed record OpenClassRequest(
    Guid? ClassId, string? ProviderKind, Guid? ProviderId, string? Course, string? SyllabusVersion, decimal? RequiredHours, string? WorkType, string? Kind, string? OpenedOn)
{
    public sealed class Validator : AbstractValidator<OpenClassRequest>
    {
        public Validator(LocalDate today, CertificateCatalog catalog)
        {
            RuleFor(r => r.ProviderKind).MustBeKebab<OpenClassRequest, TrainingProviderKind>();
            RuleFor(r => r.ProviderId).NotNull().WithMessage("is required: the institution's or enterprise's id");
            RuleFor(r => r.Course).Text(200);
            RuleFor(r => r.SyllabusVersion).Text(50);
            RuleFor(r => r.RequiredHours).NotNull().WithMessage("is required").GreaterThan(0).WithMessage("must be positive").LessThanOrEqualTo(1000);
            RuleFor(r => r.WorkType).Must(w => catalog.FindWorkType(w!) is not null).When(r => !string.IsNullOrEmpty(r.WorkType))
                .WithMessage("is not a work type of the national special operation catalogue");
            RuleFor(r => r.Kind).MustBeKebab<OpenClassRequest, TrainingKind>();
            RuleFor(r => r.WorkType).NotEmpty().When(r => r.Kind == "special-operation-initial").WithMessage("is required for special operation training");
            RuleFor(r => r.OpenedOn).MustBeIsoDate().NotInFuture(today);
        }
    }
}

public sealed record HoldSessionRequest(
    Guid? SessionId, string? Date, string? Start, string? End, string? Mode, string? Instructor, string? Place, string? Content, string? LateEntryReason, long? Version)
{
    public sealed class Validator : AbstractValidator<HoldSessionRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.Date).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Start).Must(IsTime).WithMessage("must be a time written HH:mm");
            RuleFor(r => r.End).Must(IsTime).WithMessage("must be a time written HH:mm")
                .Must((r, end) => !IsTime(r.Start) || !IsTime(end) || Time(end!) > Time(r.Start!)).WithMessage("must be after start");
            RuleFor(r => r.Mode).MustBeKebab<HoldSessionRequest, SessionMode>();
            RuleFor(r => r.Instructor).Text(100);
            RuleFor(r => r.Place).Text(200);
            RuleFor(r => r.Content).Text(500);
            RuleFor(r => r.LateEntryReason).MaximumLength(500);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }

    private static readonly LocalTimePattern Pattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
    public static bool IsTime(string? text) => text is not null && Pattern.Parse(text).Success;
    public static LocalTime Time(string text) => Pattern.Parse(text).Value;
}

public sealed record ArchiveVideoRequest(string? ContentHash, string? StoredAt, string? RetainUntil, long? Version)
{
    public sealed class Validator : AbstractValidator<ArchiveVideoRequest>
    {
        public Validator()
        {
            RuleFor(r => r.ContentHash).Matches("^sha256:[0-9a-f]{64}$").WithMessage("must be sha256: followed by 64 lower-case hex digits");
            RuleFor(r => r.StoredAt).Text(500);
            RuleFor(r => r.RetainUntil).MustBeIsoDate();
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

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

/// <summary>The trainee as on the ID card they present: number and name. The number stays in the body, never in a URL.</summary>
public sealed record EnrolTraineeRequest(string? IdNumber, string? Name, string? EnrolledOn)
{
    public sealed class Validator : AbstractValidator<EnrolTraineeRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.IdNumber).Custom((value, context) =>
            {
                if (!ResidentIdNumber.TryParse(value, today, out _, out var error)) context.AddFailure(error ?? "is not a valid resident ID number");
            });
            RuleFor(r => r.Name).PersonName(50);
            RuleFor(r => r.EnrolledOn).MustBeIsoDate().NotInFuture(today);
        }
    }
}

public sealed record TraineeEnrolment(Guid PersonId, Guid ProviderId, Guid? ClassId, bool Enrolled);

public static class TraineeEnrolments
{
    /// <summary>
    /// The person the card names, when registered under that name; otherwise "not found", whichever of the two it is, so a
    /// provider learns nothing about a number it holds without the matching name.
    /// </summary>
    public static async Task<Person> CardHolderAsync(IQuerySession session, StreamIdentity ids, EnrolTraineeRequest r, LocalDate today, CancellationToken ct)
    {
        ResidentIdNumber.TryParse(r.IdNumber, today, out var idNumber, out _);
        var person = await session.LoadAsync<Person>(ids.ForPerson(idNumber!), ct);
        return person is not null && string.Equals(person.Name, r.Name!.Trim(), StringComparison.Ordinal)
            ? person
            : throw new ResourceNotFoundException("registered person with this ID number and name (register the person first)");
    }

    public static async Task<IResult> EnrolAsync(IDocumentSession session, Person holder, EnrolTrainee command, TrainingClass? trainingClass, CancellationToken ct)
    {
        var before = (await session.Events.FetchStreamStateAsync(holder.Id, ct))?.Version;
        var written = await session.DecideLatestAsync<Person>(holder.Id, "person", person => TrainingDecider.Decide(command, trainingClass, person), ct);
        return Results.Ok(new TraineeEnrolment(holder.Id, command.ProviderId, command.ClassId, written.Version != before));
    }
}

public sealed record SessionWritten(Guid ClassId, Guid SessionId, long Version);

public sealed record AttendanceWritten(Guid ClassId, Guid PersonId, bool Credited);

public static class TrainingEndpoints
{
    /// <summary>Enrols a trainee in the class from their ID card: the one way a provider reaches a person's records.</summary>
    [WolverinePost("/api/training-classes/{classId:guid}/enrollments", Name = "EnrolTrainee")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.ExamPoint, ActorRole.Enterprise)]
    public static async Task<IResult> Enrol(Guid classId, EnrolTraineeRequest? request, IDocumentSession session, StreamIdentity ids, IClock clock, CancellationToken ct)
    {
        var today = clock.Today();
        var r = RequestValidation.Valid(request, new EnrolTraineeRequest.Validator(today));
        // ScopeMiddleware has refused a caller who is not the class's provider (or a bureau of its jurisdiction).
        var trainingClass = await session.LoadAsync<TrainingClass>(classId, ct) ?? throw new ResourceNotFoundException("training class");
        var holder = await TraineeEnrolments.CardHolderAsync(session, ids, r, today, ct);
        return await TraineeEnrolments.EnrolAsync(session, holder, new EnrolTrainee(trainingClass.ProviderKind, trainingClass.ProviderId, trainingClass.ProviderName,
            classId, RequestValidation.Date(r.EnrolledOn!)), trainingClass, ct);
    }

    [WolverinePost("/api/training-classes", Name = "OpenTrainingClass")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.ExamPoint, ActorRole.Enterprise)]
    public static async Task<IResult> Open(OpenClassRequest? request, HttpContext http, IDocumentSession session, PolicyCatalog policies, CertificateCatalog catalog,
        IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new OpenClassRequest.Validator(clock.Today(), catalog));
        JsonNames.TryParseKebab<TrainingProviderKind>(r.ProviderKind, out var providerKind);
        JsonNames.TryParseKebab<TrainingKind>(r.Kind, out var kind);
        var openedOn = RequestValidation.Date(r.OpenedOn!);
        var workType = string.IsNullOrEmpty(r.WorkType) ? null : r.WorkType;

        string providerName, jurisdiction;
        ProviderStanding standing;
        if (providerKind == TrainingProviderKind.Institution)
        {
            var institution = await session.LoadAsync<Institution>(r.ProviderId!.Value, ct) ?? throw new ResourceNotFoundException("institution");
            providerName = institution.Name;
            jurisdiction = institution.Jurisdiction;
            standing = ProviderStanding.Of(institution, workType, openedOn, policies);
        }
        else
        {
            var enterprise = await session.LoadAsync<Enterprise>(r.ProviderId!.Value, ct) ?? throw new ResourceNotFoundException("enterprise");
            providerName = enterprise.Name;
            jurisdiction = enterprise.Jurisdiction;
            standing = ProviderStanding.Enterprise;
        }

        // A provider opens its own classes; a bureau opens them for providers of its jurisdiction.
        Scope.Organisation(ActorMiddleware.Required(http), policies, "training provider", jurisdiction,
            providerKind == TrainingProviderKind.Enterprise ? r.ProviderId : null, providerKind == TrainingProviderKind.Institution ? r.ProviderId : null);
        var classId = r.ClassId ?? Guid.CreateVersion7();
        var opened = TrainingDecider.Decide(new OpenTrainingClass(classId, providerKind, r.ProviderId!.Value, providerName, jurisdiction, r.Course!.Trim(),
            r.SyllabusVersion!.Trim(), r.RequiredHours!.Value, workType, kind, openedOn), standing, TrainingRulesInForce.For(policies, jurisdiction, openedOn));
        session.Events.StartStream<TrainingClass>(classId, opened);
        await session.SaveNewStreamAsync("class", classId, $"/api/training-classes/{classId}", "a class with this id already exists", ct);
        return Results.Created($"/api/training-classes/{classId}", new { classId, version = 1, flags = opened.Flags });
    }

    [WolverineGet("/api/training-classes/{classId:guid}", Name = "GetTrainingClass")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.ExamPoint, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.Auditor)]
    public static async Task<TrainingClass> Get(Guid classId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<TrainingClass>(classId, ct) ?? throw new ResourceNotFoundException("training class");

    [WolverinePost("/api/training-classes/{classId:guid}/sessions", Name = "HoldSession")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.ExamPoint, ActorRole.Enterprise)]
    public static async Task<IResult> Session(Guid classId, HoldSessionRequest? request, IDocumentSession session, PolicyCatalog policies, IClock clock, CancellationToken ct)
    {
        var today = clock.Today();
        var r = RequestValidation.Valid(request, new HoldSessionRequest.Validator(today));
        JsonNames.TryParseKebab<SessionMode>(r.Mode, out var mode);
        var date = RequestValidation.Date(r.Date!);
        var sessionId = r.SessionId ?? Guid.CreateVersion7();
        var written = await session.DecideAsync<TrainingClass>(classId, r.Version!.Value, "training class", async trainingClass =>
        {
            var standing = trainingClass.ProviderKind == TrainingProviderKind.Institution
                ? ProviderStanding.Of(await session.LoadAsync<Institution>(trainingClass.ProviderId, ct) ?? throw new ResourceNotFoundException("institution"),
                    trainingClass.WorkType, date, policies)
                : ProviderStanding.Enterprise;
            return TrainingDecider.Decide(new HoldSession(sessionId, date, HoldSessionRequest.Time(r.Start!), HoldSessionRequest.Time(r.End!), mode,
                r.Instructor!.Trim(), r.Place!.Trim(), r.Content!.Trim(), r.LateEntryReason?.Trim()), trainingClass, standing,
                TrainingRulesInForce.For(policies, trainingClass.Jurisdiction, date), today);
        }, ct);
        return Results.Ok(new SessionWritten(classId, sessionId, written.Version));
    }

    [WolverinePost("/api/training-classes/{classId:guid}/sessions/{sessionId:guid}/video", Name = "ArchiveSessionVideo")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.ExamPoint, ActorRole.Enterprise)]
    public static async Task<IResult> Video(Guid classId, Guid sessionId, ArchiveVideoRequest? request, IDocumentSession session, PolicyCatalog policies,
        CertificateCatalog catalog, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new ArchiveVideoRequest.Validator());
        var written = await session.DecideAsync<TrainingClass>(classId, r.Version!.Value, "training class", trainingClass => TrainingDecider.Decide(
            new ArchiveSessionVideo(sessionId, r.ContentHash!, r.StoredAt!.Trim(), RequestValidation.Date(r.RetainUntil!)), trainingClass, policies, catalog), ct);
        return Results.Ok(new SessionWritten(classId, sessionId, written.Version));
    }

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
