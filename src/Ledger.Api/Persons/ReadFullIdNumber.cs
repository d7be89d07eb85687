using FluentValidation;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Actors;
using Ledger.Domain.Persons;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Persons;

public sealed record FullIdNumberRequest(string? Reason)
{
    public sealed class Validator : AbstractValidator<FullIdNumberRequest>
    {
        public Validator() => RuleFor(r => r.Reason).Text(500);
    }
}

public sealed record FullIdNumberResponse(Guid PersonId, string IdNumber, string? Mobile, string Recorded);

public static class ReadFullIdNumberEndpoint
{
    /// <summary>
    /// The one answer that carries a full ID number. Only roles that must match a person against an identity card may ask:
    /// the bureaus that check a subsidy claim's roster (HR, finance), the regulator that certifies, and the person's own
    /// employer. Each read is recorded before the number leaves, with the reason given; a POST so the request's reason
    /// and the answer stay out of URLs and access logs.
    /// </summary>
    [WolverinePost("/api/persons/{personId:guid}/id-number-reads", Name = "ReadFullIdNumber")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau)]
    public static async Task<IResult> Post(Guid personId, FullIdNumberRequest? request, HttpContext http, IDocumentSession session, PersonalDataCipher cipher,
        IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new FullIdNumberRequest.Validator());
        var actor = ActorMiddleware.Required(http);
        // ScopeMiddleware has already refused a caller outside the person's scope.
        var person = await session.LoadAsync<Person>(personId, ct) ?? throw new ResourceNotFoundException("person");

        var idNumber = cipher.Open(person.IdNumber, PersonalDataCipher.IdNumberPurpose, personId);
        // An employer matches its employee against the ID card it was shown; the mobile someone else recorded is not its to read.
        var mobile = person.Mobile is null || actor.Role == ActorRole.Enterprise ? null : cipher.Open(person.Mobile, PersonalDataCipher.MobilePurpose, personId);
        session.Events.Append(AuditorReadLog.StreamOf("person", personId), AccessRecord.IdNumberShown(actor, personId, r.Reason!.Trim(),
            clock.GetCurrentInstant()));
        await session.SaveChangesAsync(ct);
        return Results.Ok(new FullIdNumberResponse(personId, idNumber, mobile, "this read is recorded with its reason on the person's access record"));
    }
}
