using System.Diagnostics;
using Ledger.Projections;
using Marten;
using Npgsql;
using JasperFx;
using Ledger.Domain.Actors;

namespace Ledger.Tools;

/// <summary>A throwaway event: the benchmark measures the append path, not a domain rule.</summary>
public sealed record BenchEventRecorded(Guid Id, int Number, string Note);

/// <summary>bench-append: appends per second bare, sealed, and sealed with the notary subscription running, each in a throwaway schema.</summary>
public static class BenchAppend
{
    public static async Task<int> RunAsync(IConfiguration configuration, int events, int writers)
    {
        var connectionString = configuration.GetConnectionString("Ledger") ?? throw new InvalidOperationException("ConnectionStrings:Ledger is not configured");
        Console.WriteLine($"{events} single-event appends by {writers} writers, one transaction each");
        var sealer = new Ledger.Projections.Audit.EventSealer([("bench", System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))]);
        foreach (var (seal, notary) in new[] { (false, false), (true, false), (true, true) })
        {
            var schema = $"bench_{(notary ? "notary" : seal ? "sealed" : "plain")}_{Guid.NewGuid():N}"[..24];
            try
            {
                await RunAsync(connectionString, schema, seal ? sealer : null, notary, events, writers);
            }
            finally
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"drop schema if exists {schema} cascade", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
        return 0;
    }

    private static async Task RunAsync(string connectionString, string schema, Ledger.Projections.Audit.EventSealer? sealer, bool notary, int events, int writers)
    {
        using var store = DocumentStore.For(o =>
        {
            o.Connection(connectionString);
            o.DatabaseSchemaName = schema;
            o.Events.DatabaseSchemaName = schema;
            o.Events.MetadataConfig.HeadersEnabled = true;
            o.Events.MetadataConfig.CorrelationIdEnabled = true;
            o.Events.MetadataConfig.CausationIdEnabled = true;
            o.Events.MetadataConfig.UserNameEnabled = true;
            o.Events.AddEventType<BenchEventRecorded>();
            o.AutoCreateSchemaObjects = AutoCreate.All;
            LedgerProjections.ConfigureAudit(o, notary, sealer);
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        using var daemon = await store.BuildProjectionDaemonAsync();
        if (notary) await daemon.StartAllAsync();

        var clock = Stopwatch.StartNew();
        var perWriter = events / writers;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < perWriter; i++)
            {
                await using var session = store.LightweightSession();
                session.SetHeader(EventHeaders.User, "bench");
                session.SetHeader(EventHeaders.Organisation, "bench");
                session.SetHeader(EventHeaders.Role, "regulator");
                session.CorrelationId = $"bench-{w}-{i}";
                var id = Guid.CreateVersion7();
                session.Events.StartStream(id, new BenchEventRecorded(id, i, "注意：仅用于基准测试"));
                await session.SaveChangesAsync();
            }
        })));
        var appended = clock.Elapsed;
        var total = perWriter * writers;
        Console.WriteLine($"  {(notary ? "sealed, notary" : sealer is not null ? "sealed        " : "bare          ")}: {total} events in {appended.TotalSeconds:0.00} s = {total / appended.TotalSeconds:0} appends/s");
        if (notary)
        {
            await daemon.WaitForNonStaleData(TimeSpan.FromMinutes(5));
            Console.WriteLine($"    notary caught up {(clock.Elapsed - appended).TotalSeconds:0.00} s after the last append ({total / clock.Elapsed.TotalSeconds:0} events/s notarised end to end)");
            await daemon.StopAllAsync();
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand($"select count(*) from {schema}.{Ledger.Projections.Audit.AuditSchema.NotaryTable}", connection);
            Console.WriteLine($"    {await count.ExecuteScalarAsync()} events notarised");
        }
    }
}
