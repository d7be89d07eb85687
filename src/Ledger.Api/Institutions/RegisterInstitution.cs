using Ledger.Domain.Actors;
using FluentValidation;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain;
using Ledger.Domain.Institutions;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Institutions;

public sealed record RegisterInstitutionRequest(string? CreditCode, string? Name, string? Kind, string? Jurisdiction, string? RegisteredOn)
{
    public sealed class Validator : AbstractValidator<RegisterInstitutionRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.CreditCode).MustBeCreditCode();
            RuleFor(r => r.Name).Text(200);
            RuleFor(r => r.Kind).MustBeKebab<RegisterInstitutionRequest, InstitutionKind>();
            RuleFor(r => r.Jurisdiction).MustBeJurisdictionCode();
            RuleFor(r => r.RegisteredOn).MustBeOptionalIsoDate().NotInFuture(today);
        }
    }
}

public sealed record InstitutionWritten(Guid InstitutionId, string CreditCode, long Version);

public static class RegisterInstitutionEndpoint
{
    private const string DuplicateMessage = "an institution with this unified social credit code is already registered";

    /// <summary>
    /// Registers an organisation that trains or examines. Its id is a keyed hash of its credit code, so a code is
    /// registered once: a second registration, racing or not, is refused with 409 naming the first.
    /// </summary>
    [WolverinePost("/api/institutions", Name = "RegisterInstitution")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<IResult> Post(RegisterInstitutionRequest? request, HttpContext http, IDocumentSession session, StreamIdentity ids, PolicyCatalog policies,
        IClock clock, CancellationToken ct)
    {
        var today = clock.Today();
        var r = RequestValidation.Valid(request, new RegisterInstitutionRequest.Validator(today));
        Scope.BureauJurisdiction(ActorMiddleware.Required(http), policies, "institution", r.Jurisdiction!);
        var creditCode = StreamIdentity.NormaliseCreditCode(r.CreditCode!);
        var institutionId = ids.ForInstitution(creditCode);
        var location = $"/api/institutions/{institutionId}";
        if (await session.Events.FetchStreamStateAsync(institutionId, ct) is not null)
            throw new DuplicateException("institution", institutionId, location, DuplicateMessage);

        JsonNames.TryParseKebab<InstitutionKind>(r.Kind, out var kind);
        var registered = InstitutionDecider.Decide(new RegisterInstitution(institutionId, creditCode, r.Name!.Trim(), kind, r.Jurisdiction!,
            RequestValidation.OptionalDate(r.RegisteredOn) ?? today));
        session.Events.StartStream<Institution>(institutionId, registered);
        await session.SaveNewStreamAsync("institution", institutionId, location, DuplicateMessage, ct);
        return Results.Created(location, new InstitutionWritten(institutionId, creditCode, 1));
    }
}
