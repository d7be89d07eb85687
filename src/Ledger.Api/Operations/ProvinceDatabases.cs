using Ledger.Api.Access;
using Ledger.Domain.Actors;
using Ledger.Domain.Claims;
using Ledger.Domain.Policies;
using Marten;

namespace Ledger.Api.Operations;

/// <summary>
/// A database per province (<c>Ledger:Provinces:{code}:ConnectionString</c>, code = the province's jurisdiction code: hlj,
/// zj…): Marten's database-per-tenant multi-tenancy with the province as tenant, beside the main database
/// (<c>ConnectionStrings:Ledger</c>), which stays Marten's default tenant and holds whatever no province is routed to.
/// None configured: one database, as before. Marten applies the schema (the audit tables, the append-only trigger, the
/// idempotency table) to every database at startup, and the async daemon runs each database's projections, the notary
/// and the national index subscription on its own, with its own leader lock.
/// </summary>
public sealed class ProvinceDatabases
{
    public const string Section = "Ledger:Provinces";

    private readonly IReadOnlyDictionary<string, string> _connections;

    public ProvinceDatabases(IReadOnlyDictionary<string, string> connections) => _connections = connections;

    public static ProvinceDatabases From(IConfiguration configuration) => new(configuration.GetSection(Section).GetChildren()
        .Where(c => !string.IsNullOrWhiteSpace(c["ConnectionString"]))
        .ToDictionary(c => c.Key, c => c["ConnectionString"]!, StringComparer.Ordinal));

    public bool Any => _connections.Count > 0;

    public IReadOnlyCollection<string> Codes => _connections.Keys.ToList();

    public bool Has(string province) => _connections.ContainsKey(province);

    /// <summary>The main database first: Marten takes the first database added as its default tenant's.</summary>
    public void Configure(StoreOptions store, string mainConnectionString)
    {
        if (!Any)
        {
            store.Connection(mainConnectionString);
            return;
        }
        store.MultiTenantedDatabases(tenancy =>
        {
            tenancy.AddSingleTenantDatabase(mainConnectionString, JasperFx.StorageConstants.DefaultTenantId);
            foreach (var (code, connection) in _connections) tenancy.AddSingleTenantDatabase(connection, code);
        });
        // Every session opened without a tenant (the store's own queries, the audit's, the console's) keeps going to the main
        // database; MultiTenantedDatabases switches that off, so it is switched back on after it.
        store.Advanced.DefaultTenantUsageEnabled = true;
    }

    /// <summary>The province database a request goes to: its caller's jurisdiction's province, when that province has one.</summary>
    public string? RouteOf(Actor? actor, PolicyCatalog policies) =>
        Any && actor?.Jurisdiction is { } jurisdiction && NationalEntitlements.ProvinceOf(policies, jurisdiction) is var province && Has(province) ? province : null;
}

/// <summary>The province database of the request under way (null: the main database), for the sessions it opens.</summary>
public static class RequestProvince
{
    private static readonly AsyncLocal<string?> Ambient = new();

    public static string? Current => Ambient.Value;

    internal static IDisposable Enter(string province)
    {
        Ambient.Value = province;
        return new Exit();
    }

    private sealed class Exit : IDisposable
    {
        public void Dispose() => Ambient.Value = null;
    }
}

/// <summary>Routes each request to its caller's province database; runs after the actor is known and before any session opens.</summary>
public sealed class ProvinceRoutingMiddleware(RequestDelegate next, ProvinceDatabases provinces, PolicyCatalog policies)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (provinces.RouteOf(ActorMiddleware.Current(context), policies) is not { } province)
        {
            await next(context);
            return;
        }
        using (RequestProvince.Enter(province)) await next(context);
    }
}

/// <summary>
/// The tenant of Wolverine's sessions: the request's province database. Registered whatever the configuration, so the
/// endpoints' code generated ahead of time is the same for both; with no province databases it names none (the main database).
/// </summary>
public sealed class ProvinceTenantDetection : Wolverine.Http.Runtime.MultiTenancy.ITenantDetection
{
    public ValueTask<string?> DetectTenant(HttpContext context) => ValueTask.FromResult(RequestProvince.Current);
}
