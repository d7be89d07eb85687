using Ledger.Domain.Actors;
using FluentValidation;
using Ledger.Api.Infrastructure;
using Ledger.Domain;
using Ledger.Domain.Persons;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Persons;

/// <summary>The ID number travels in the body, never in a URL or query string.</summary>
public sealed record FindPersonRequest(string? IdNumber)
{
    public sealed class Validator : AbstractValidator<FindPersonRequest>
    {
        public Validator(LocalDate today) => RuleFor(r => r.IdNumber).Custom((value, context) =>
        {
            if (!ResidentIdNumber.TryParse(value, today, out _, out var error)) context.AddFailure(error ?? "is not a valid resident ID number");
        });
    }
}

public static class FindPersonEndpoint
{
    [WolverinePost("/api/persons/search", Name = "FindPerson")]
    [ActorRoles(ActorRole.Regulator, ActorRole.ExamPoint, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<IResult> Post(FindPersonRequest? request, IQuerySession session, StreamIdentity ids, IClock clock, CancellationToken ct)
    {
        var today = clock.Today();
        var r = RequestValidation.Valid(request, new FindPersonRequest.Validator(today));
        ResidentIdNumber.TryParse(r.IdNumber, today, out var idNumber, out _);
        var personId = ids.ForPerson(idNumber!);
        var person = await session.LoadAsync<Person>(personId, ct);
        return person is null ? throw new ResourceNotFoundException("person") : Results.Ok(new { personId, idNumberMasked = idNumber!.Masked, person.Version });
    }
}
