using Alba;
using JasperFx.CommandLine;
using Marten;
using Marten.Events.Daemon.Coordination;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using NodaTime.Testing;
using Npgsql;
using Wolverine;

namespace Ledger.Api.Tests.Infrastructure;

/// <summary>One API host per test collection, each in its own PostgreSQL schema so collections run in parallel.</summary>
public class AppFixture : IAsyncLifetime
{
    /// <summary>Business "today" for every test: a Monday, so working-day arithmetic in tests is easy to follow.</summary>
    public static readonly Instant Now = Instant.FromUtc(2026, 3, 2, 2, 0);

    public string Schema { get; } = "t_" + Guid.NewGuid().ToString("N")[..12];
    public IAlbaHost Host { get; private set; } = null!;
    public FakeClock Clock { get; } = new(Now);

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Ledger")
        ?? throw new InvalidOperationException("ConnectionStrings__Ledger is not set: run the tests with ./ledger test, which starts a private PostgreSQL");

    public async ValueTask InitializeAsync()
    {
        Host = await StartHostAsync(Schema, Clock, solo: true, ConfigureServices, Settings);
        // Solo mode in tests uses Marten's explicit coordinator, which leaves starting the daemon to us.
        await Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase().StartAllAsync();
    }

    /// <summary>A collection's own service overrides, applied after the API's registrations.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>A collection's own configuration settings, for what Program.cs decides while it builds (telemetry).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public static async Task<IAlbaHost> StartHostAsync(string schema, IClock clock, bool solo, Action<IServiceCollection>? services = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        JasperFxEnvironment.AutoStartHost = true;
        return await AlbaHost.For<Program>(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("ConnectionStrings:Ledger", ConnectionString);
            web.UseSetting("Ledger:Schema", schema);
            foreach (var (key, value) in settings ?? new Dictionary<string, string>()) web.UseSetting(key, value);
            web.ConfigureServices(s =>
            {
                s.AddSingleton(clock);
                if (solo)
                {
                    s.MartenDaemonModeIsSolo();
                    s.RunWolverineInSoloMode();
                }
                s.DisableAllExternalWolverineTransports();
                services?.Invoke(s);
            });
        });
    }

    public virtual async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await DropSchemaAsync(Schema);
    }

    public static async Task DropSchemaAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"drop schema if exists {schema} cascade", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> EventCountAsync()
    {
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        var stats = await store.Advanced.FetchEventStoreStatistics();
        return stats.EventCount;
    }
}

/// <summary>Resets the collection's data before each test; tests inside a collection run one at a time.</summary>
public abstract class IntegrationContext(AppFixture fixture) : IAsyncLifetime
{
    protected AppFixture Fixture { get; } = fixture;
    protected IAlbaHost Host => Fixture.Host;

    public virtual async ValueTask InitializeAsync()
    {
        Fixture.Clock.Reset(AppFixture.Now);
        // ResetAllMartenDataAsync pauses through the coordinator, and the explicit (solo) coordinator
        // drops its daemons on pause; stopping and restarting the one daemon keeps projections running.
        var daemon = Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.StopAllAsync();
        await Host.Services.GetRequiredService<IDocumentStore>().Advanced.ResetAllData(CancellationToken.None);
        await daemon.StartAllAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Runs a request that must be refused and proves it stored nothing.</summary>
    protected async Task<T> RefusedAsync<T>(Func<Task<T>> request)
    {
        var before = await Fixture.EventCountAsync();
        var result = await request();
        (await Fixture.EventCountAsync()).ShouldBe(before, "a refused request must store nothing");
        return result;
    }
}
