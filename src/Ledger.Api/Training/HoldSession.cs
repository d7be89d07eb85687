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

public static partial class TrainingEndpoints
{
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
                    trainingClass.WorkType, date)
                : ProviderStanding.Enterprise;
            return TrainingDecider.Decide(new HoldSession(sessionId, date, HoldSessionRequest.Time(r.Start!), HoldSessionRequest.Time(r.End!), mode,
                r.Instructor!.Trim(), r.Place!.Trim(), r.Content!.Trim(), r.LateEntryReason?.Trim()), trainingClass, standing,
                TrainingRulesInForce.For(policies, trainingClass.Jurisdiction, date), today);
        }, ct);
        return Results.Ok(new SessionWritten(classId, sessionId, written.Version));
    }
}
