using System.Collections.Concurrent;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Faults;

/// <summary>
/// PostgreSQL stopped and started again under a steady load of writes and reads: while it is down every request that
/// needs it is a clean 503 with Retry-After, once it is back they succeed again, and nothing acknowledged is lost.
/// </summary>
[Collection(nameof(FaultsCollection))]
public sealed class DatabaseRestartTests(FaultsFixture fixture)
{
    [Fact]
    public async Task while_postgres_restarts_requests_get_503_with_retry_after_then_succeed_and_nothing_acknowledged_is_lost()
    {
        var schema = FaultsFixture.NewSchema("restart");
        var postgres = fixture.Postgres;
        ApiProcess? api = null;
        try
        {
            api = await ApiProcess.StartAsync(postgres.ConnectionString, schema, "api");
            var replies = new ConcurrentQueue<(string Request, int Phase, Reply Reply)>();
            var persons = new ConcurrentQueue<Guid>();
            var forgeries = new ConcurrentQueue<string>();
            var phase = 0; // 0 before the stop, 1 stopping or stopped, 2 started again
            var afterRestart = 0;
            using var stop = new CancellationTokenSource();
            var number = 0;

            var workers = Enumerable.Range(0, 3).Select(w => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var sentIn = Volatile.Read(ref phase);
                    var (request, reply, onAck) = (i % 3) switch
                    {
                        0 => ("register", await api.Post("/api/persons", LedgerScenarios.PersonBody(FaultIds.NewIdNumber()), Actor.Regulator),
                            (Action<Reply>)(r => persons.Enqueue(r.Body.GetProperty("personId").GetGuid()))),
                        1 => await Report($"RESTART-{w}-{Interlocked.Increment(ref number):0000}"),
                        _ => ("read", await api.Get("/api/reports/possible-forgeries"), _ => { }),
                    };
                    replies.Enqueue((request, sentIn, reply));
                    if (reply.Acknowledged)
                    {
                        onAck(reply);
                        if (sentIn == 2) Interlocked.Increment(ref afterRestart);
                    }
                    // A client would wait Retry-After; the test only paces itself so the outage is sampled, not flooded.
                    await Task.Delay(reply.Status == 503 ? 50 : 10);
                }

                async Task<(string, Reply, Action<Reply>)> Report(string forged)
                {
                    var reply = await api.Post("/api/forgery-reports", new { number = forged, reportedOn = "2026-03-01", reason = "seen at a site" }, Actor.Regulator);
                    return ("report", reply, _ => forgeries.Enqueue(forged));
                }
            })).ToList();

            await ProcessCrashTests.Until(() => persons.Count + forgeries.Count >= 10 || workers.Any(t => t.IsFaulted), "ten writes before the stop");
            Volatile.Write(ref phase, 1);
            await postgres.StopAsync();
            var stoppedAt = replies.Count;
            await ProcessCrashTests.Until(() => replies.Skip(stoppedAt).Count(r => r.Reply.Status == 503) >= 9 || workers.Any(t => t.IsFaulted),
                "nine 503 answers while the database is down");
            await postgres.StartAgainAsync();
            Volatile.Write(ref phase, 2);
            await ProcessCrashTests.Until(() => Volatile.Read(ref afterRestart) >= 10 || workers.Any(t => t.IsFaulted), "ten writes after the restart");
            await stop.CancelAsync();
            await Task.WhenAll(workers);

            var all = replies.ToArray();
            TestContext.Current.SendDiagnosticMessage(string.Join(", ",
                all.GroupBy(r => (r.Phase, r.Reply.Status)).OrderBy(g => g.Key).Select(g => $"phase {g.Key.Phase} {g.Key.Status}: {g.Count()}")));
            foreach (var (request, _, reply) in all.Where(r => !r.Reply.Acknowledged))
            {
                // Only "come back later": no 500, and nothing of the failure's inside on the wire.
                reply.Status.ShouldBe(503, $"{request}: {reply.Text}");
                // Derived from the outage (its kind and age: OutageTracker), within 2 s to a minute, and the same in the body.
                reply.RetryAfter.ShouldNotBeNull(reply.Text);
                reply.RetryAfter.Value.TotalSeconds.ShouldBeInRange(2, 60, reply.Text);
                reply.Body.GetProperty("retryAfterSeconds").GetInt32().ShouldBe((int)reply.RetryAfter.Value.TotalSeconds);
                reply.MediaType.ShouldBe("application/problem+json");
                reply.Body.GetProperty("status").GetInt32().ShouldBe(503);
                reply.Body.GetProperty("code").GetString().ShouldBe("database-unavailable");
                reply.Text.ShouldNotContain("Exception");
                reply.Text.ShouldNotContain(" at ");
                reply.Text.ShouldNotContain("Npgsql");
            }
            all.Where(r => r.Phase == 1).ShouldContain(r => r.Reply.Status == 503);
            all.Where(r => r.Phase == 2).ShouldContain(r => r.Reply.Acknowledged);

            // Nothing acknowledged is lost, and the async daemon recovers its leadership and catches up after the restart.
            foreach (var person in persons) (await api.Get($"/api/persons/{person}")).ShouldBe(200);
            await fixture.WaitForProjectionsAsync(schema, () => api.Output);
            var watched = (await api.Get("/api/reports/possible-forgeries")).Array().Select(e => e.GetProperty("number").GetString()).ToHashSet();
            foreach (var forged in forgeries) watched.ShouldContain(forged);
            api.HasExited.ShouldBeFalse();
        }
        finally
        {
            if (api is not null) await api.DisposeAsync();
            if (postgres is not null)
            {
                // A failed test must not leave the next one without its database.
                try { await postgres.StartAgainAsync(); } catch (InvalidOperationException) { }
                await postgres.DropSchemaAsync(schema);
            }
        }
    }
}
