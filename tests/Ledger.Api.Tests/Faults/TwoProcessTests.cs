using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Faults;

/// <summary>
/// Two API processes on one database, as a deployment with two replicas behind a load balancer: optimistic
/// concurrency and the uniqueness of registrations and entitlements hold across processes, each async shard runs on
/// exactly one process, and when that process is killed the other takes its shards over and keeps the projections up.
/// </summary>
[Collection(nameof(FaultsCollection))]
public sealed class TwoProcessTests(FaultsFixture fixture)
{
    [Fact]
    public async Task two_processes_keep_concurrency_and_uniqueness_and_one_takes_over_the_daemon_when_the_other_is_killed_FR_01()
    {
        var schema = FaultsFixture.NewSchema("two");
        var database = fixture.Postgres.ConnectionString;
        ApiProcess? a = null, b = null;
        try
        {
            // One after the other: the first creates the schema, the second finds it in place.
            a = await ApiProcess.StartAsync(database, schema, "a");
            b = await ApiProcess.StartAsync(database, schema, "b");
            var both = new[] { a, b };
            ApiProcess On(int i) => both[i % 2];

            // Unique registrations: one ID number registered eight times at once through both processes.
            var idNumber = FaultIds.NewIdNumber();
            var registrations = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => On(i).Post("/api/persons", LedgerScenarios.PersonBody(idNumber), Actor.Regulator)));
            registrations.Count(r => r.Status == 201).ShouldBe(1, string.Join("\n", registrations.Select(r => r.Text)));
            registrations.Count(r => r.Status == 409).ShouldBe(7);
            (await fixture.Scalar<long>(schema, "select count(*) from {schema}.mt_events where type = 'person_registered'")).ShouldBe(1L);

            var enterprise = await a.Enterprise();
            var training = await b.HljClass();
            var trainee = await a.Trainee(training, enterprise);

            // FR-01 across processes: racing claims for one entitlement leave exactly one holder.
            var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => On(i).SubmitClaim(enterprise, training, [trainee], Guid.CreateVersion7())));
            claims.ShouldAllBe(c => c.Status == 201);
            claims.Count(c => c.Body.GetProperty("duplicates").GetInt32() == 0).ShouldBe(1);
            claims.Sum(c => c.Body.GetProperty("entitledAmount").GetDecimal()).ShouldBe(1000m);
            var claimId = claims.Single(c => c.Body.GetProperty("duplicates").GetInt32() == 0).Body.GetProperty("claimId").GetGuid();
            (await fixture.Scalar<long>(schema, "select count(*) from {schema}.mt_events where type = 'entitlement_held'")).ShouldBe(1L);

            // Stale versions: the same step with the same expected version through both processes; one wins, the rest are 409.
            var attestations = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => On(i).ClaimStep(training, claimId, 1)));
            attestations.Count(r => r.Status == 200).ShouldBe(1, string.Join("\n", attestations.Select(r => r.Text)));
            attestations.Count(r => r.Status is 409 or 503).ShouldBe(5, string.Join("\n", attestations.Select(r => $"{r.Status} {r.Text}")));
            (await a.ClaimStep(training, claimId, 2)).ShouldBe(200);
            (await b.ClaimStep(training, claimId, 3)).ShouldBe(200);

            // Exactly one payment per entitlement under parallel disbursements through both processes.
            var disbursements = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => On(i).ClaimStep(training, claimId, 4)));
            disbursements.Count(r => r.Status == 200).ShouldBe(1, string.Join("\n", disbursements.Select(r => r.Text)));
            // The losers are refused as stale (409); on a loaded machine a loser's wait for the winner's row lock can outlast the
            // command timeout and answer 503 instead, which stores nothing either: what matters is one payment.
            disbursements.Count(r => r.Status is 409 or 503).ShouldBe(7, string.Join("\n", disbursements.Select(r => $"{r.Status} {r.Text}")));
            (await fixture.Scalar<long>(schema, "select count(*) from {schema}.mt_events where type = 'subsidy_disbursed'")).ShouldBe(1L);
            (await fixture.Scalar<long>(schema, "select count(*) from {schema}.mt_events where type = 'entitlement_paid'")).ShouldBe(1L);

            // Leader election: every daemon shard lock is held, and each by exactly one process. Seen once the daemon is
            // idle, so no append's transaction-scoped lock is counted.
            await fixture.WaitForProjectionsAsync(schema, () => a.Output + "\n" + b.Output);
            var locks = await SettledLocksAsync(a, b);
            TestContext.Current.SendDiagnosticMessage($"shard locks: a [{string.Join(", ", locks["a"])}], b [{string.Join(", ", locks["b"])}]");
            locks["a"].Intersect(locks["b"]).ShouldBeEmpty();
            var shardLocks = locks["a"].Concat(locks["b"]).Order().ToList();
            shardLocks.Count.ShouldBe(FaultsFixture.AsyncShards.Length);

            // Kill the process that holds the most shards; the survivor takes every shard over and keeps the projections up.
            var (leader, survivor) = locks["a"].Count >= locks["b"].Count ? (a, b) : (b, a);
            leader.Kill();
            var deadline = DateTime.UtcNow.AddSeconds(90);
            List<long> taken;
            do
            {
                await Task.Delay(250);
                taken = (await fixture.ShardLocksAsync(survivor))[survivor.Name].Order().ToList();
            } while (!taken.SequenceEqual(shardLocks) && DateTime.UtcNow < deadline);
            taken.ShouldBe(shardLocks, survivor.Output);

            (await survivor.Post("/api/forgery-reports", new { number = "AFTER-FAILOVER-1", reportedOn = "2026-03-01", reason = "seen at a site" }, Actor.Regulator))
                .ShouldBe(202);
            (await survivor.ClaimStep(training, claimId, 5)).ShouldBe(200);
            await fixture.WaitForProjectionsAsync(schema, () => survivor.Output);
            (await survivor.Get("/api/reports/possible-forgeries")).Array().ShouldContain(e => e.GetProperty("number").GetString() == "AFTER-FAILOVER-1");
            (await fixture.Scalar<long>(schema, "select count(*) from {schema}.mt_doc_payoutledgerrow")).ShouldBeGreaterThan(0L);
        }
        finally
        {
            if (b is not null) await b.DisposeAsync();
            if (a is not null) await a.DisposeAsync();
            await fixture.Postgres.DropSchemaAsync(schema);
        }
    }

    /// <summary>
    /// The shard locks once election has settled: as many as there are async shards and unchanged over two polls.
    /// Appends take transaction-scoped advisory locks for a moment; nothing is written while this polls.
    /// </summary>
    private async Task<Dictionary<string, List<long>>> SettledLocksAsync(ApiProcess a, ApiProcess b)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        var previous = "";
        Dictionary<string, List<long>> locks;
        while (true)
        {
            locks = await fixture.ShardLocksAsync(a, b);
            var now = $"{string.Join(",", locks["a"])}|{string.Join(",", locks["b"])}";
            if (locks["a"].Count + locks["b"].Count == FaultsFixture.AsyncShards.Length && now == previous) return locks;
            if (DateTime.UtcNow > deadline) return locks;
            previous = now;
            await Task.Delay(500);
        }
    }
}
