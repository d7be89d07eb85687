using Ledger.Domain.Actors;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Persons;
using Ledger.Domain;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Obligations;
using Ledger.Domain.Policies;
using Ledger.Domain.Persons;
using Ledger.Projections.Persons;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Obligations;

public static partial class ObligationEndpoints
{
    [WolverineGet("/api/persons/{personId:guid}/obligations", Name = "GetPersonObligations")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.Auditor)]
    public static async Task<PersonObligationsView> Person(Guid personId, string? asOf, string? on, HttpContext http, IQuerySession session, PolicyCatalog policies,
        IClock clock, CancellationToken ct)
    {
        var (instant, date) = AsOfQuery.Parse(asOf, on, clock);
        var audience = Scope.PersonAudience(ActorMiddleware.Required(http));
        var file = await PersonFiles.LoadAsync(session, personId, instant, date, policies, audience, ct) ?? throw new ResourceNotFoundException("person");
        return View(file, file.Obligations);
    }
}
