using Ledger.Api.Access;
using Ledger.Api.Http;
using Ledger.Domain.Actors;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Enforcement;

public static partial class EnforcementEndpoints
{
    /// <summary>An inspection with its orders, re-inspections, penalties and publication; the enterprise reads its own.</summary>
    [WolverineGet("/api/inspections/{inspectionId:guid}", Name = "GetInspection")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.Auditor)]
    public static async Task<InspectionView> GetInspection(Guid inspectionId, HttpContext http, IQuerySession session, PolicyCatalog policies, IClock clock,
        CancellationToken ct)
    {
        var actor = ActorMiddleware.Required(http);
        return InspectionView.Of(await VisibleInspectionAsync(session, inspectionId, actor, policies, ct), actor, clock.Today());
    }
}
