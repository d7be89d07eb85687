using Alba;
using Ledger.Api.Tests.Infrastructure;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Testing;
using Npgsql;

namespace Ledger.Api.Tests.National;

/// <summary>
/// Two provincial deployments, Heilongjiang's and Zhejiang's, each with its own PostgreSQL database, and the national
/// index in a third; created on the tests' cluster for this collection and dropped after it.
/// </summary>
public sealed class NationalFixture : IAsyncLifetime
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..10];

    public IAlbaHost Heilongjiang { get; private set; } = null!;
    public IAlbaHost Zhejiang { get; private set; } = null!;
    public string NationalConnectionString { get; private set; } = "";

    private string Database(string name) => $"ledger_{name}_{_suffix}";

    public static string On(string database) => new NpgsqlConnectionStringBuilder(AppFixture.ConnectionString) { Database = database }.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(On("postgres")))
        {
            await admin.OpenAsync();
            foreach (var name in new[] { "hlj", "zj", "national" })
                await using (var create = new NpgsqlCommand($"create database {Database(name)}", admin))
                    await create.ExecuteNonQueryAsync();
        }
        NationalConnectionString = On(Database("national"));
        Heilongjiang = await Province("hlj");
        Zhejiang = await Province("zj");
        // The index creates its table on first use; the tests read it before any claim does.
        await Heilongjiang.Services.GetRequiredService<Ledger.Projections.National.NationalLink>().Index!.EnsureCreatedAsync(CancellationToken.None);
    }

    private async Task<IAlbaHost> Province(string code)
    {
        var host = await AppFixture.StartHostAsync("ledger", new FakeClock(AppFixture.Now), solo: true, settings: new Dictionary<string, string>
        {
            ["ConnectionStrings:Ledger"] = On(Database(code)),
            ["Ledger:National:ConnectionString"] = NationalConnectionString,
        });
        await host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase().StartAllAsync();
        return host;
    }

    public async Task<IReadOnlyList<(Guid Entitlement, string Province, Guid Claim, bool Confirmed)>> NationalHoldingsAsync()
    {
        await using var connection = new NpgsqlConnection(NationalConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select entitlement_id, province, claim_id, confirmed from national.entitlement_holdings order by reserved_at", connection);
        var rows = new List<(Guid, string, Guid, bool)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add((reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2), reader.GetBoolean(3)));
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        if (Heilongjiang is not null) await Heilongjiang.DisposeAsync();
        if (Zhejiang is not null) await Zhejiang.DisposeAsync();
        await using var admin = new NpgsqlConnection(On("postgres"));
        await admin.OpenAsync();
        foreach (var name in new[] { "hlj", "zj", "national" })
            await using (var drop = new NpgsqlCommand($"drop database if exists {Database(name)} with (force)", admin))
                await drop.ExecuteNonQueryAsync();
    }
}

[CollectionDefinition(nameof(NationalCollection))]
public sealed class NationalCollection : ICollectionFixture<NationalFixture>;
