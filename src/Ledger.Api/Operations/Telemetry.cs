using System.Diagnostics;
using System.Diagnostics.Metrics;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;

namespace Ledger.Api.Operations;

public sealed class TelemetryOptions
{
    public const string Section = "Ledger:Telemetry";

    /// <summary>Collect traces and metrics even without an OTLP endpoint (tests read them in process); on whenever an endpoint is set.</summary>
    public bool Enabled { get; set; }

    /// <summary>The collector's OTLP address (http://collector:4317 for gRPC, …:4318 with protocol http/protobuf); OTEL_EXPORTER_OTLP_ENDPOINT works too.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>How often the projection daemon's and the notary's positions are read for the lag gauges.</summary>
    public TimeSpan ProgressEvery { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// The ledger's own signals, beside ASP.NET Core's request metrics (http.server.request.duration by route, method and status:
/// rate, latency and errors per endpoint) and Npgsql's, Marten's and Wolverine's traces.
/// </summary>
public static class LedgerTelemetry
{
    public const string Name = "Ledger.Api";
    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> RateLimitRefusals = Meter.CreateCounter<long>("ledger.rate_limit.refusals", "{request}",
        "Requests refused by a rate limit (429), by policy");

    public static readonly Counter<long> DatabaseUnavailable = Meter.CreateCounter<long>("ledger.database.unavailable", "{request}",
        "Requests answered 503 because the database was unreachable");

    public static readonly Counter<long> IdempotentReplays = Meter.CreateCounter<long>("ledger.idempotency.replays", "{request}",
        "Keyed POSTs answered from the key's record instead of running again");

    public static WebApplicationBuilder AddLedgerTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section);
        builder.Services.AddSingleton<ProjectionProgressMonitor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ProjectionProgressMonitor>());

        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var endpoint = options.OtlpEndpoint is { Length: > 0 } e ? e : builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (!options.Enabled && string.IsNullOrWhiteSpace(endpoint)) return builder;

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? "ledger-api"))
            .WithTracing(t =>
            {
                t.AddSource(Name, "Wolverine", "Marten").AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health")).AddNpgsql();
                if (!string.IsNullOrWhiteSpace(endpoint)) t.AddOtlpExporter(o => o.Endpoint = new Uri(endpoint));
            })
            .WithMetrics(m =>
            {
                m.AddMeter(Name, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting", "Npgsql", "Marten")
                    .AddAspNetCoreInstrumentation();
                if (!string.IsNullOrWhiteSpace(endpoint)) m.AddOtlpExporter(o => o.Endpoint = new Uri(endpoint));
            });
        return builder;
    }
}

/// <summary>Where each async shard stands against the last committed event.</summary>
public sealed record ProjectionProgress(long LastEvent, IReadOnlyDictionary<string, long> Shards)
{
    public const string NotaryShard = "Notary:All";

    public long LagOf(string shard) => Math.Max(0, LastEvent - Shards.GetValueOrDefault(shard));

    /// <summary>The furthest-behind projection or subscription other than the notary.</summary>
    public long DaemonLag => Shards.Keys.Where(s => s is not ("HighWaterMark" or NotaryShard)).Select(LagOf).DefaultIfEmpty(LastEvent).Max();

    public long NotaryLag => LagOf(NotaryShard);

    public static async Task<ProjectionProgress> ReadAsync(IDocumentStore store, CancellationToken ct)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        await using var connection = ((Marten.Storage.IMartenDatabase)store.Storage.Database).CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            $"select (select coalesce(max(seq_id), 0) from {schema}.mt_events), name, last_seq_id from {schema}.mt_event_progression", connection);
        var shards = new Dictionary<string, long>();
        long last = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            last = reader.GetInt64(0);
            shards[reader.GetString(1)] = reader.GetInt64(2);
        }
        if (shards.Count == 0)
        {
            await reader.CloseAsync();
            await using var count = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {schema}.mt_events", connection);
            last = (long)(await count.ExecuteScalarAsync(ct))!;
        }
        return new ProjectionProgress(last, shards);
    }
}

/// <summary>
/// Reads the daemon's progress every <see cref="TelemetryOptions.ProgressEvery"/> for the lag gauges: per shard its position
/// (a rebuild's progress shows as its shard climbing back to the last event) and its lag, the daemon's worst lag and the
/// notary's. The gauges report the last reading, so collecting metrics never waits on the database.
/// </summary>
public sealed class ProjectionProgressMonitor(IDocumentStore store, IOptions<TelemetryOptions> options, ILogger<ProjectionProgressMonitor> logger) : BackgroundService
{
    private ProjectionProgress? _last;

    public ProjectionProgress? Last => _last;

    static ProjectionProgressMonitor()
    {
        LedgerTelemetry.Meter.CreateObservableGauge("ledger.daemon.lag", () => Measure(p => p.DaemonLag), "{event}",
            "Events committed that the furthest-behind async projection or subscription has not processed");
        LedgerTelemetry.Meter.CreateObservableGauge("ledger.notary.lag", () => Measure(p => p.NotaryLag), "{event}",
            "Events committed that the notary has not yet hashed into the chains");
        LedgerTelemetry.Meter.CreateObservableGauge("ledger.projection.position", () => Shards(p => p.Shards), "{event}",
            "Last event each async shard has processed; during a rebuild, its progress");
        LedgerTelemetry.Meter.CreateObservableGauge("ledger.projection.lag", () => Shards(p => p.Shards.ToDictionary(s => s.Key, s => p.LagOf(s.Key))), "{event}",
            "Events each async shard is behind the last committed event");
        LedgerTelemetry.Meter.CreateObservableGauge("ledger.events.last", () => Measure(p => p.LastEvent), "{event}", "Sequence number of the last committed event");
    }

    // One monitor per host (a process has one; the test process runs a host per collection), each tagged with its schema.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ProjectionProgressMonitor, string> Live = new();

    private static IEnumerable<Measurement<long>> Measure(Func<ProjectionProgress, long> value) =>
        Live.Where(m => m.Key._last is not null)
            .Select(m => new Measurement<long>(value(m.Key._last!), new KeyValuePair<string, object?>("schema", m.Value))).ToList();

    private static IEnumerable<Measurement<long>> Shards(Func<ProjectionProgress, IReadOnlyDictionary<string, long>> values) =>
        Live.Where(m => m.Key._last is not null)
            .SelectMany(m => values(m.Key._last!).Where(s => s.Key != "HighWaterMark").Select(s => new Measurement<long>(s.Value,
                new KeyValuePair<string, object?>("schema", m.Value), new KeyValuePair<string, object?>("shard", s.Key)))).ToList();

    /// <summary>Reads now (readiness, tests), and keeps the reading for the gauges.</summary>
    public async Task<ProjectionProgress> RefreshAsync(CancellationToken ct) => _last = await ProjectionProgress.ReadAsync(store, ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Live[this] = store.Options.Events.DatabaseSchemaName;
        using var timer = new PeriodicTimer(options.Value.ProgressEvery);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database is down or restarting: the gauges keep their last reading and the readiness probe says why.
                logger.LogDebug("Projection progress not read ({ExceptionType})", e.GetType().FullName);
            }
        } while (await WaitAsync(timer, stoppingToken));
        Live.TryRemove(this, out _);
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
