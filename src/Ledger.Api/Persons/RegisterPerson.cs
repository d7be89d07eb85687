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

public sealed record RegisterPersonRequest(
    string? IdNumber,
    string? Name,
    string? Education,
    string? HukouDistrict,
    string? Mobile,
    string? BirthDate,
    string? Sex)
{
    public sealed class Validator : AbstractValidator<RegisterPersonRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.IdNumber).Custom((value, context) =>
            {
                // The message never repeats the number: validation problems are logged by the framework.
                if (!ResidentIdNumber.TryParse(value, today, out _, out var error)) context.AddFailure(error ?? "is not a valid resident ID number");
            });
            RuleFor(r => r.Name).PersonName(50);
            RuleFor(r => r.Education).MustBeKebab<RegisterPersonRequest, EducationLevel>();
            RuleFor(r => r.HukouDistrict).Text(100);
            RuleFor(r => r.Mobile).Matches("^1[3-9][0-9]{9}$").When(r => !string.IsNullOrEmpty(r.Mobile))
                .WithMessage("must be an 11-digit mainland mobile number");
            RuleFor(r => r.BirthDate).MustBeOptionalIsoDate()
                .Must((r, birth) => !ResidentIdNumber.TryParse(r.IdNumber, today, out var id, out _) || string.IsNullOrWhiteSpace(birth)
                    || !RequestValidation.IsDate(birth) || RequestValidation.Date(birth) == id!.BirthDate)
                .WithMessage("does not match the birth date encoded in the ID number");
            RuleFor(r => r.Sex).Must(s => string.IsNullOrWhiteSpace(s) || JsonNames.TryParseKebab<Sex>(s, out _))
                .WithMessage($"must be one of {JsonNames.AllKebab<Sex>()}")
                .Must((r, sex) => !ResidentIdNumber.TryParse(r.IdNumber, today, out var id, out _) || string.IsNullOrWhiteSpace(sex)
                    || !JsonNames.TryParseKebab<Sex>(sex, out var s) || s == id!.Sex)
                .WithMessage("does not match the sex encoded in the ID number");
        }
    }
}

/// <param name="AlreadyRegistered">True when the number was registered before (by anyone) and the name matches: the same person, nothing written.</param>
public sealed record PersonRegisteredResponse(Guid PersonId, string IdNumberMasked, long Version, bool AlreadyRegistered = false);

public static class RegisterPersonEndpoint
{
    [WolverinePost("/api/persons", Name = "RegisterPerson")]
    [ActorRoles(ActorRole.Regulator, ActorRole.ExamPoint, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau)]
    public static async Task<IResult> Post(RegisterPersonRequest? request, HttpContext http, IDocumentSession session, StreamIdentity ids, PersonalDataCipher cipher,
        IClock clock, CancellationToken ct)
    {
        var today = clock.Today();
        var r = RequestValidation.Valid(request, new RegisterPersonRequest.Validator(today));
        ResidentIdNumber.TryParse(r.IdNumber, today, out var idNumber, out _);
        JsonNames.TryParseKebab<EducationLevel>(r.Education, out var education);
        var actor = ActorMiddleware.Required(http);

        var personId = ids.ForPerson(idNumber!);
        // The friendly answer for the common case; a concurrent twin still collides on the stream id at commit.
        if (await session.LoadAsync<Person>(personId, ct) is { } existing) return AlreadyRegistered(actor, existing, r, idNumber!);

        var registered = PersonRegistered.Of(cipher, personId, idNumber!, r.Name!.Trim(), education,
            r.HukouDistrict!.Trim(), string.IsNullOrWhiteSpace(r.Mobile) ? null : r.Mobile, today);
        session.Events.StartStream<Person>(personId, registered);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Marten.Exceptions.ExistingStreamIdCollisionException)
        {
            await using var reread = session.DocumentStore.QuerySession();
            return AlreadyRegistered(actor, await reread.LoadAsync<Person>(personId, ct) ?? throw new ResourceNotFoundException("person"), r, idNumber!);
        }
        return Results.Created($"/api/persons/{personId}", new PersonRegisteredResponse(personId, idNumber!.Masked, 1));
    }

    /// <summary>
    /// A bureau is told which record the number belongs to. Anyone else is holding the person's ID card: with the name on it
    /// they get the same person back (as a search with number and name would answer), nothing written; with another name
    /// they learn only that the number is registered under a different name, never whose record it is or its id.
    /// </summary>
    private static IResult AlreadyRegistered(Actor actor, Person existing, RegisterPersonRequest r, ResidentIdNumber idNumber)
    {
        if (Scope.IsBureau(actor))
            throw new DuplicateException("person", existing.Id, $"/api/persons/{existing.Id}", "a person with this ID number is already registered");
        if (!string.Equals(existing.Name, r.Name!.Trim(), StringComparison.Ordinal))
            throw new ConflictException("identity-mismatch", "name",
                "this ID number is registered under another name: check the name and number against the ID card");
        return Results.Ok(new PersonRegisteredResponse(existing.Id, idNumber.Masked, existing.Version, AlreadyRegistered: true));
    }
}
