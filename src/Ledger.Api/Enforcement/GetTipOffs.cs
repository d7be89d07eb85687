using Ledger.Api.Access;
using Ledger.Api.Http;
using Ledger.Api.Search;
using Ledger.Domain.Actors;
using Ledger.Domain.Enforcement;
using Ledger.Domain.Policies;
using Marten;
using Wolverine.Http;

namespace Ledger.Api.Enforcement;

public static partial class EnforcementEndpoints
{
    /// <summary>A tip-off as its jurisdiction's regulators handle it; nobody else, not the enterprise it names, sees it.</summary>
    [WolverineGet("/api/tip-offs/{tipId:guid}", Name = "GetTipOff")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<TipView> GetTipOff(Guid tipId, HttpContext http, IQuerySession session, PolicyCatalog policies, CancellationToken ct) =>
        TipView.Of(await VisibleTipAsync(session, tipId, ActorMiddleware.Required(http), policies, ct));

    /// <summary>Tip-offs of the regulator's jurisdiction, the newest first; <c>open=true</c> leaves out those verified and, if true, rewarded.</summary>
    [WolverineGet("/api/tip-offs", Name = "ListTipOffs")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<Page<TipView>> ListTipOffs(string? jurisdiction, bool? open, int? page, int? pageSize, HttpContext http, IQuerySession session,
        PolicyCatalog policies, CancellationToken ct)
    {
        var window = ListWindow.Parse(page ?? 1, pageSize ?? SearchEndpoints.DefaultPageSize)!.Value;
        var all = await TipRegister(jurisdiction, open ?? false, ActorMiddleware.Required(http), session, policies, ct);
        return new Page<TipView>([.. window.Of(all.Select(TipView.Of))], all.Count, window.Page, window.Size);
    }

    public static async Task<IReadOnlyList<TipOff>> TipRegister(string? jurisdiction, bool openOnly, Actor actor, IQuerySession session, PolicyCatalog policies,
        CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(jurisdiction) && policies.Find(jurisdiction.Trim()) is null)
            throw new RequestValidationException(new Dictionary<string, string[]> { ["jurisdiction"] = [$"'{jurisdiction.Trim()}' is not a known jurisdiction"] });
        var list = Scope.ListJurisdiction(actor, policies, jurisdiction)!;
        var codes = policies.Jurisdictions.Where(j => policies.IsWithin(j.Code, list)).Select(j => j.Code).ToArray();
        var tips = await session.Query<TipOff>().Where(t => t.Jurisdiction.IsOneOf(codes) || t.Jurisdiction.StartsWith(list + "-")).ToListAsync(ct);
        return [.. tips.Where(t => !openOnly || t.Substantiated is null || (t.Substantiated == true && t.RewardedOn is null))
            .OrderByDescending(t => t.ReceivedOn).ThenBy(t => t.Id)];
    }
}
