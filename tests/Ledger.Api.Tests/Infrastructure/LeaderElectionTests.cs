using Marten.Events;
using System.Collections.Concurrent;
using Alba;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Ledger.Api.Tests.Infrastructure;

[CollectionDefinition(nameof(LeaderElectionCollection), DisableParallelization = false)]
public sealed class LeaderElectionCollection;

/// <summary>
/// Proves HotCold leader election with Marten's default lock path (Patched.DistributedLock from the registry): two hosts on one database,
/// each async projection shard runs on exactly one of them, and no advisory-lock error is logged.
/// </summary>
[Collection(nameof(LeaderElectionCollection))]
public sealed class LeaderElectionTests
{
    [Fact]
    public async Task each_async_shard_runs_on_exactly_one_of_two_hotcold_hosts()
    {
        var schema = "t_leader_" + Guid.NewGuid().ToString("N")[..8];
        var logs = new CapturingLoggerProvider();
        var clock = new NodaTime.Testing.FakeClock(AppFixture.Now);
        IAlbaHost? first = null, second = null;
        try
        {
            first = await AppFixture.StartHostAsync(schema, clock, solo: false, s => s.AddSingleton<ILoggerProvider>(logs));
            second = await AppFixture.StartHostAsync(schema, clock, solo: false, s => s.AddSingleton<ILoggerProvider>(logs));

            // Marten 9's HotCold election is per projection shard: each shard has its own advisory lock, so
            // the invariant is that every async shard runs on exactly one host, never on both.
            var expected = new[] { "CertificateRegisterEntry:All", "ClaimRecheck:All", "ForgeryWatchEntry:All", "Notary:All", "PayoutLedgerRow:All", "PersonFiles:All" };
            var deadline = DateTime.UtcNow.AddSeconds(60);
            List<string> onFirst, onSecond;
            do
            {
                await Task.Delay(500);
                onFirst = Shards(first);
                onSecond = Shards(second);
            } while (onFirst.Count + onSecond.Count < expected.Length && DateTime.UtcNow < deadline);

            TestContext.Current.SendDiagnosticMessage($"first runs [{string.Join(", ", onFirst)}], second runs [{string.Join(", ", onSecond)}]");
            onFirst.Concat(onSecond).Order().ShouldBe(expected.Order());
            // Stay a while: a follower must not pick up a shard another host already runs.
            await Task.Delay(3000);
            onFirst = Shards(first);
            onSecond = Shards(second);
            onFirst.Intersect(onSecond).ShouldBeEmpty();
            onFirst.Concat(onSecond).Order().ShouldBe(expected.Order());

            // The leader's projections really run.
            var leader = Shards(first).Contains("ForgeryWatchEntry:All") ? first : second;
            await leader.Post("/api/forgery-reports", new { number = "LEADER-1", reportedOn = "2026-03-01", reason = "leader check" }, 202);
            await leader.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
            var watch = await leader.Get("/api/reports/possible-forgeries");
            watch.EnumerateArray().ShouldContain(e => e.GetProperty("number").GetString() == "LEADER-1");

            logs.Errors.Where(m => m.Contains("advisory", StringComparison.OrdinalIgnoreCase)
                                   || m.Contains("Multiplexing", StringComparison.OrdinalIgnoreCase)
                                   || m.Contains("DistributedLock", StringComparison.OrdinalIgnoreCase)
                                   || m.Contains("TypeLoad", StringComparison.OrdinalIgnoreCase)).ShouldBeEmpty();
        }
        finally
        {
            if (second is not null) await second.DisposeAsync();
            if (first is not null) await first.DisposeAsync();
            await AppFixture.DropSchemaAsync(schema);
        }
    }

    private static List<string> Shards(IAlbaHost host)
    {
        var coordinator = host.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>();
        return coordinator.DaemonForMainDatabase().CurrentAgents().Select(a => a.Name.Identity).Order().ToList();
    }
}

public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();
    public IReadOnlyCollection<string> Errors => _errors;
    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _errors);
    public void Dispose() { }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error) errors.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}
