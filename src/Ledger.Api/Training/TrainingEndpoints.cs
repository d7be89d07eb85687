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

