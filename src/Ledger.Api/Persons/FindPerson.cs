using Ledger.Domain.Actors;
using FluentValidation;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain;
using Ledger.Domain.Persons;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Persons;

/// <summary>
/// The ID number travels in the body, never in a URL or query string. An enterprise, institution or exam point names the
/// person as on the ID card in front of it: number and name. Whether a person is registered is itself personal data, so
/// for them a name that does not match answers exactly as an unregistered number does.
/// </summary>
public sealed record FindPersonRequest(string? IdNumber, string? Name = null)
{
    public sealed class Validator : AbstractValidator<FindPersonRequest>
    {
        public Validator(LocalDate today, bool nameRequired)
        {
            RuleFor(r => r.IdNumber).Custom((value, context) =>
            {
                if (!ResidentIdNumber.TryParse(value, today, out _, out var error)) context.AddFailure(error ?? "is not a valid resident ID number");
            });
            if (nameRequired) RuleFor(r => r.Name).PersonName(50).WithMessage("is required: the name on the ID card, with the number");
            else RuleFor(r => r.Name).MaximumLength(50);
        }
    }
}

public sealed record FoundPerson(Guid PersonId, string IdNumberMasked, long Version);

public static class FindPersonEndpoint
{
    [WolverinePost("/api/persons/search", Name = "FindPerson")]
    [ActorRoles(ActorRole.Regulator, ActorRole.ExamPoint, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<IResult> Post(FindPersonRequest? request, HttpContext http, IQuerySession session, StreamIdentity ids, IClock clock, CancellationToken ct)
    {
        var today = clock.Today();
        var actor = ActorMiddleware.Required(http);
        var r = RequestValidation.Valid(request, new FindPersonRequest.Validator(today, !Scope.IsBureau(actor)));
        ResidentIdNumber.TryParse(r.IdNumber, today, out var idNumber, out _);
        var personId = ids.ForPerson(idNumber!);
        var person = await session.LoadAsync<Person>(personId, ct);
        if (person is null || (!string.IsNullOrWhiteSpace(r.Name) && !string.Equals(person.Name, r.Name.Trim(), StringComparison.Ordinal)))
            throw new ResourceNotFoundException("person");
        return Results.Ok(new FoundPerson(personId, idNumber!.Masked, person.Version));
    }
}
