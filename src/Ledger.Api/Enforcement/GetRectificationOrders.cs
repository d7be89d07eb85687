using Ledger.Api.Access;
using Ledger.Api.Http;
using Ledger.Api.Search;
using Ledger.Domain.Actors;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Enforcement;

public static partial class EnforcementEndpoints
{
    /// <summary>
    /// Open rectification orders, the longest overdue first: a regulator's of its jurisdiction (or one within it), an enterprise's own.
    /// </summary>
    [WolverineGet("/api/reports/rectification-orders", Name = "GetRectificationOrders")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.Auditor)]
    public static async Task<Page<RectificationOrderEntry>> GetRectificationOrders(string? jurisdiction, string? enterprise, bool? overdue, int? page, int? pageSize,
        HttpContext http, IQuerySession session, PolicyCatalog policies, IClock clock, CancellationToken ct)
    {
        var window = ListWindow.Parse(page ?? 1, pageSize ?? SearchEndpoints.DefaultPageSize)!.Value;
        var all = await RectificationRegister(jurisdiction, enterprise, overdue ?? false, ActorMiddleware.Required(http), session, policies, clock.Today(), ct);
        return new Page<RectificationOrderEntry>([.. window.Of(all)], all.Count, window.Page, window.Size);
    }
}
