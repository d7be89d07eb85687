using Ledger.Domain.Actors;
using FluentValidation;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Persons;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Persons;

public sealed record RecordEducationRequest(string? Education, string? Evidence, string? RecordedOn, string? Reason, long? Version)
{
    public sealed class Validator : AbstractValidator<RecordEducationRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.Education).MustBeKebab<RecordEducationRequest, EducationLevel>();
            RuleFor(r => r.Evidence).Text(200);
            RuleFor(r => r.RecordedOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Reason).Text(500);
            RuleFor(r => r.Version).NotNull().WithMessage("is required: the person version this change is based on").GreaterThan(0);
        }
    }
}

/// <summary>A write to a person's file: the person and the file's new version.</summary>
public sealed record PersonWritten(Guid PersonId, long Version);

public static class RecordEducationEndpoint
{
    [WolverinePost("/api/persons/{personId:guid}/education", Name = "RecordEducation")]
    // Education decides who may be certified for hazardous-chemical and coal-mine work (JZ-EDU-01, HLJ-EDU-01): it is recorded
    // from the diploma by the bureaus that check it, with the evidence named, never by the employer or the training provider.
    [ActorRoles(ActorRole.Regulator, ActorRole.HrBureau)]
    public static async Task<IResult> Post(Guid personId, RecordEducationRequest? request, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new RecordEducationRequest.Validator(clock.Today()));
        JsonNames.TryParseKebab<EducationLevel>(r.Education, out var education);
        var written = await session.DecideAsync<Person>(personId, r.Version!.Value, "person", person => PersonDecider.Decide(
            new Domain.Persons.RecordEducation(education, r.Evidence!.Trim(), RequestValidation.Date(r.RecordedOn!), r.Reason!.Trim()), person), ct);
        return Results.Ok(new PersonWritten(personId, written.Version));
    }
}
