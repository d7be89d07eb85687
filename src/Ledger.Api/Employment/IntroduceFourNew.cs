using Ledger.Domain.Actors;
using FluentValidation;
using Ledger.Api.Certificates;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain;
using Ledger.Domain.Certificates;
using Ledger.Domain.Employment;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Employment;

public sealed record FourNewRequest(string? Kind, string? Description, string? On, long? Version)
{
    public sealed class Validator : AbstractValidator<FourNewRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.Kind).MustBeKebab<FourNewRequest, FourNewKind>();
            RuleFor(r => r.Description).Text(500);
            RuleFor(r => r.On).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public static partial class EmploymentEndpoints
{
    [WolverinePost("/api/persons/{personId:guid}/employments/{employmentId:guid}/four-new", Name = "IntroduceFourNew")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise)]
    public static async Task<IResult> FourNew(Guid personId, Guid employmentId, FourNewRequest? request, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new FourNewRequest.Validator(clock.Today()));
        JsonNames.TryParseKebab<FourNewKind>(r.Kind, out var kind);
        return Written(employmentId, await session.DecideAsync<Person>(personId, r.Version!.Value, "person", person =>
            EmploymentDecider.Decide(new IntroduceFourNew(employmentId, kind, r.Description!.Trim(), RequestValidation.Date(r.On!)), person), ct));
    }
}
