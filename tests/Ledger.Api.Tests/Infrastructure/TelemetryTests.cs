using System.Diagnostics;
using Alba;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Marten;
using Marten.Events;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Ledger.Api.Tests.Infrastructure;

/// <summary>A host with telemetry switched on, exporting to memory instead of a collector, and a public check limited to one a minute.</summary>
public sealed class TelemetryFixture : AppFixture
{
    public List<Activity> Activities { get; } = [];
    public List<Metric> Metrics { get; } = [];

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Ledger:Telemetry:Enabled"] = "true" };

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(Activities));
        services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(Metrics));
        services.Configure<VerificationOptions>(o => o.PermitsPerMinute = 1);
    }

    public IReadOnlyList<Metric> Collect()
    {
        lock (Metrics) Metrics.Clear();
        Host.Services.GetRequiredService<MeterProvider>().ForceFlush();
        lock (Metrics) return [.. Metrics];
    }

    public IReadOnlyList<Activity> Traces()
    {
        Host.Services.GetRequiredService<TracerProvider>().ForceFlush();
        lock (Activities) return [.. Activities];
    }
}

[CollectionDefinition(nameof(TelemetryCollection))]
public sealed class TelemetryCollection : ICollectionFixture<TelemetryFixture>;

[Collection(nameof(TelemetryCollection))]
public sealed class TelemetryTests(TelemetryFixture fixture) : IntegrationContext(fixture)
{
    private static IEnumerable<MetricPoint> Points(Metric metric)
    {
        foreach (ref readonly var point in metric.GetMetricPoints()) yield return point;
    }

    private static Dictionary<string, object?> Tags(MetricPoint point)
    {
        var tags = new Dictionary<string, object?>();
        foreach (var tag in point.Tags) tags[tag.Key] = tag.Value;
        return tags;
    }

    [Fact]
    public async Task requests_are_traced_with_their_database_calls_and_counted_per_endpoint_with_latency_and_errors()
    {
        var person = await Host.RegisterPerson();
        await Host.Get($"/api/persons/{Guid.NewGuid()}", 404);
        await Host.Post("/api/forgery-reports", new { number = "", whereFound = "x", reportedOn = "2026-03-01", reason = "r" }, 400);

        var requests = fixture.Collect().Where(m => m.Name == "http.server.request.duration").SelectMany(Points).Select(p => (Tags: Tags(p), Count: p.GetHistogramCount())).ToList();
        long Count(string route, int status) => requests
            .Where(p => Equals(p.Tags.GetValueOrDefault("http.route"), route) && Equals(p.Tags.GetValueOrDefault("http.response.status_code"), status))
            .Sum(p => p.Count);
        Count("/api/persons", 201).ShouldBeGreaterThanOrEqualTo(1);
        Count("/api/persons/{personId:guid}", 404).ShouldBeGreaterThanOrEqualTo(1);
        Count("/api/forgery-reports", 400).ShouldBeGreaterThanOrEqualTo(1);

        var traces = fixture.Traces();
        var request = traces.Last(a => a.Kind == ActivityKind.Server && Equals(a.GetTagItem("http.route"), "/api/persons") && a.GetTagItem("http.response.status_code") is 201);
        // The registration's SQL ran inside the request's trace: Npgsql's spans carry its trace id.
        traces.ShouldContain(a => a.Source.Name == "Npgsql" && a.TraceId == request.TraceId);
        person.ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public async Task daemon_and_notary_lag_are_gauges_that_rise_with_unprocessed_events_and_fall_when_the_daemon_catches_up()
    {
        var daemon = Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        var monitor = Host.Services.GetRequiredService<ProjectionProgressMonitor>();
        await Host.RegisterPerson();
        await Host.Post("/api/forgery-reports", new { number = "TJ-LAG-1", whereFound = "site", reportedOn = "2026-03-01", reason = "no hologram" }, 202);
        await CaughtUp(monitor);
        Gauge("ledger.notary.lag").ShouldBe(0);

        await daemon.StopAllAsync();
        try
        {
            for (var i = 0; i < 3; i++)
                await Host.Post("/api/forgery-reports", new { number = $"TJ-LAG-{i + 2}", whereFound = "site", reportedOn = "2026-03-01", reason = "no hologram" }, 202);
            await monitor.RefreshAsync(CancellationToken.None);
            Gauge("ledger.daemon.lag").ShouldBe(3);
            Gauge("ledger.notary.lag").ShouldBe(3);
            Gauge("ledger.projection.lag", "ForgeryWatchEntry:All").ShouldBe(3);
        }
        finally
        {
            await daemon.StartAllAsync();
        }
        await CaughtUp(monitor);
        Gauge("ledger.projection.position", "ForgeryWatchEntry:All").ShouldBe(Gauge("ledger.events.last"));
    }

    /// <summary>Polls until the daemon, high-water mark included, has reached the last event: the gauge reads 0 then.</summary>
    private async Task CaughtUp(ProjectionProgressMonitor monitor)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await monitor.RefreshAsync(CancellationToken.None);
            if (Gauge("ledger.daemon.lag") == 0 && Gauge("ledger.notary.lag") == 0) return;
            if (DateTime.UtcNow > deadline) Gauge("ledger.daemon.lag").ShouldBe(0, "the daemon did not catch up");
            await Task.Delay(100);
        }
    }

    /// <summary>This host's reading (the gauges carry the schema: the test process runs a host per collection).</summary>
    private long Gauge(string name, string? shard = null)
    {
        var points = fixture.Collect().Where(m => m.Name == name).SelectMany(Points)
            .Where(p => Equals(Tags(p).GetValueOrDefault("schema"), Fixture.Schema) && (shard is null || Equals(Tags(p).GetValueOrDefault("shard"), shard))).ToList();
        points.Count.ShouldBe(1, name);
        return points[0].GetGaugeLastValueLong();
    }

    [Fact]
    public async Task a_rate_limit_refusal_is_counted()
    {
        long Refusals() => fixture.Collect().Where(m => m.Name == "ledger.rate_limit.refusals").SelectMany(Points)
            .Where(p => Equals(Tags(p).GetValueOrDefault("policy"), VerificationRateLimit.Policy)).Sum(p => p.GetSumLong());
        var before = Refusals();
        await Host.Scenario(s => { s.Get.Url("/api/certificates/verify?number=GUESS-1&name=%E5%BC%A0"); s.StatusCodeShouldBe(200); });
        await Host.Scenario(s => { s.Get.Url("/api/certificates/verify?number=GUESS-2&name=%E5%BC%A0"); s.StatusCodeShouldBe(429); });
        Refusals().ShouldBeGreaterThan(before);
    }

    [Fact]
    public async Task health_live_answers_without_the_database_and_ready_reports_the_database_and_the_daemons_lag()
    {
        (await Host.Scenario(s => { s.Get.Url("/health/live"); s.StatusCodeShouldBe(200); })).ShouldNotBeNull();
        (await Host.Scenario(s => { s.Get.Url("/health"); s.StatusCodeShouldBe(200); })).ShouldNotBeNull();
        var ready = await (await Host.Scenario(s => { s.Get.Url("/health/ready"); s.StatusCodeShouldBe(200); })).ReadAsJsonAsync<System.Text.Json.JsonElement>();
        ready.GetProperty("database").GetString().ShouldBe("reachable");
        ready.GetProperty("daemonLag").GetInt64().ShouldBe(0);
    }
}
