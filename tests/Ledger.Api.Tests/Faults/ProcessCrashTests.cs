using System.Collections.Concurrent;

namespace Ledger.Api.Tests.Faults;

/// <summary>
/// SIGKILL of the API in the middle of a stream of writes, then a new process on the same database: every
/// acknowledged write is there, no write is there in part, and the async daemon resumes where the dead one stopped
/// and reaches the same read models as a rebuild from the events.
/// </summary>
[Collection(nameof(FaultsCollection))]
public sealed class ProcessCrashTests(FaultsFixture fixture)
{
    private sealed record Ack(string Kind, Guid Id, long Version, string Key = "");

    [Fact]
    public async Task a_killed_api_keeps_every_acknowledged_write_whole_and_its_async_projections_catch_up_to_a_rebuild()
    {
        var schema = FaultsFixture.NewSchema("crash");
        var database = fixture.Postgres.ConnectionString;
        ApiProcess? first = null, second = null;
        try
        {
            first = await ApiProcess.StartAsync(database, schema, "first");
            var enterprise = await first.Enterprise();
            var training = await first.HljClass();
            var trainees = new List<HttpTrainee>();
            for (var i = 0; i < 10; i++) trainees.Add(await first.Trainee(training, enterprise));

            var acks = new ConcurrentQueue<Ack>();
            // One claim paid and its certificate revoked before the stream, so every async shard has work whatever the
            // moment of the kill: the daemon may or may not have processed it when the process dies.
            var paidClaim = Guid.CreateVersion7();
            (await first.SubmitClaim(enterprise, training, trainees[..2], paidClaim)).ShouldBe(201);
            for (var step = 1; step <= 5; step++) (await first.ClaimStep(training, paidClaim, step, lines: 2)).ShouldBe(200);
            (await Revoke(first, trainees[0])).ShouldBe(200);
            acks.Enqueue(new Ack("claim", paidClaim, 6));
            acks.Enqueue(new Ack("revocation", paidClaim, 0, trainees[0].CertificateId.ToString()));
            var claimAcks = 0;
            var crashed = new CancellationTokenSource();
            // The worker whose acknowledgement is the tenth kills the process on the spot: a poll from outside could
            // come too late on a loaded machine, when every claim had already finished.
            ApiProcess victim = first;
            void Acked()
            {
                if (Interlocked.Increment(ref claimAcks) == 10) victim.Kill();
            }

            // Four claims of two lines each: a submission writes the claim and two entitlement streams in one
            // transaction, a disbursement the claim and both entitlements, so a torn commit would show.
            var claimWorkers = trainees[2..].Chunk(2).Select((pair, n) => Task.Run(async () =>
            {
                var claimId = Guid.CreateVersion7();
                var submitted = await Try(() => first.SubmitClaim(enterprise, training, pair, claimId));
                if (submitted is null) return;
                submitted.ShouldBe(201);
                acks.Enqueue(new Ack("claim", claimId, 1));
                Acked();
                for (var step = 1; step <= 5; step++)
                {
                    var reply = await Try(() => first.ClaimStep(training, claimId, step, lines: 2));
                    if (reply is null) return;
                    reply.ShouldBe(200);
                    acks.Enqueue(new Ack("claim", claimId, step + 1));
                    Acked();
                }
                // A revocation after payment: the ClaimRecheck subscription must flag the paid line exactly once.
                var revoked = await Try(() => Revoke(first, pair[0]));
                if (revoked is null) return;
                revoked.ShouldBe(200);
                acks.Enqueue(new Ack("revocation", claimId, 0, pair[0].CertificateId.ToString()));
            })).ToList();
            var number = 0;
            var streamWorkers = Enumerable.Range(0, 2).Select(w => Task.Run(async () =>
            {
                while (!crashed.IsCancellationRequested)
                {
                    var id = FaultIds.NewIdNumber();
                    var person = await Try(() => first.Post("/api/persons", Infrastructure.LedgerScenarios.PersonBody(id), Actor.Regulator));
                    if (person is null) return;
                    acks.Enqueue(new Ack("person", person.ShouldBe(201).Body.GetProperty("personId").GetGuid(), 1));
                    var forged = $"CRASH-{w}-{Interlocked.Increment(ref number):0000}";
                    var report = await Try(() => first.Post("/api/forgery-reports", new { number = forged, reportedOn = "2026-03-01", reason = "seen at a site" },
                        Actor.Regulator));
                    if (report is null) return;
                    report.ShouldBe(202);
                    acks.Enqueue(new Ack("forgery", Guid.Empty, 0, forged));
                }
            })).ToList();

            // The kill lands while claims are half-way through their workflow and the other writers are mid-request.
            await Until(() => Volatile.Read(ref claimAcks) >= 10 || claimWorkers.All(t => t.IsCompleted), "ten claim steps acknowledged");
            first.Kill();
            crashed.Cancel();
            await Task.WhenAll(claimWorkers.Concat(streamWorkers));
            var acknowledged = acks.ToArray();
            TestContext.Current.SendDiagnosticMessage(
                $"killed after {acknowledged.Length} acknowledged writes: " + string.Join(", ", acknowledged.GroupBy(a => a.Kind).Select(g => $"{g.Key} {g.Count()}")));
            acknowledged.Count(a => a.Kind == "claim").ShouldBeLessThan(1 + 4 * 6, "the kill must land before every claim finished");

            second = await ApiProcess.StartAsync(database, schema, "second");

            // Every acknowledged write is present.
            foreach (var person in acknowledged.Where(a => a.Kind == "person"))
                (await second.Get($"/api/persons/{person.Id}")).ShouldBe(200);
            foreach (var claim in acknowledged.Where(a => a.Kind == "claim").GroupBy(a => a.Id))
            {
                var read = (await second.Get($"/api/claims/{claim.Key}")).ShouldBe(200).Body;
                read.GetProperty("version").GetInt64().ShouldBeGreaterThanOrEqualTo(claim.Max(a => a.Version), read.GetRawText());
            }

            // Nothing is half-applied: each claim's inline snapshot is at its stream's version, every eligible line holds
            // its entitlement and every entitlement belongs to a line, and a disbursement paid every approved line.
            foreach (var row in await fixture.Rows(schema, "select id, version from {schema}.mt_streams where type = 'claim'"))
            {
                var read = (await second.Get($"/api/claims/{row[0]}")).ShouldBe(200).Body;
                read.GetProperty("version").GetInt64().ShouldBe((long)row[1], $"claim {row[0]}: snapshot and stream disagree");
            }
            (await fixture.Scalar<long>(schema, """
                with lines as (
                    select e.stream_id as claim_id, (l->>'lineNo')::int as line_no
                    from {schema}.mt_events e cross join jsonb_array_elements(e.data->'lines') l
                    where e.type = 'claim_submitted' and l->>'status' = 'Eligible'),
                held as (
                    select (data->>'claimId')::uuid as claim_id, (data->>'lineNo')::int as line_no from {schema}.mt_events where type = 'entitlement_held')
                select count(*) from lines full join held using (claim_id, line_no) where lines.claim_id is null or held.claim_id is null
                """)).ShouldBe(0L, "an eligible line without its entitlement, or an entitlement without its line");
            (await fixture.Scalar<long>(schema, """
                with paid as (select (data->>'claimId')::uuid as claim_id, count(*) as n from {schema}.mt_events where type = 'entitlement_paid' group by 1),
                disbursed as (select stream_id as claim_id from {schema}.mt_events where type = 'subsidy_disbursed')
                select count(*) from disbursed full join paid using (claim_id) where disbursed.claim_id is null or paid.n is distinct from 2
                """)).ShouldBe(0L, "a disbursement without a payment on each of its two entitlements, or a payment without its disbursement");
            (await fixture.Scalar<long>(schema, "select count(*) from {schema}.mt_events where type = 'claim_submitted'"))
                .ShouldBeGreaterThanOrEqualTo(acknowledged.Where(a => a.Kind == "claim").Select(a => a.Id).Distinct().LongCount());

            // The new process's daemon resumes from the dead one's progress and reaches the last committed event.
            await fixture.WaitForProjectionsAsync(schema, () => second.Output);
            var forgeries = (await second.Get("/api/reports/possible-forgeries")).Array().Select(e => e.GetProperty("number").GetString()).ToHashSet();
            foreach (var forged in acknowledged.Where(a => a.Kind == "forgery")) forgeries.ShouldContain(forged.Key);
            foreach (var revocation in acknowledged.Where(a => a.Kind == "revocation"))
                (await fixture.Scalar<long>(schema, $"select count(*) from {{schema}}.mt_events where type = 'claim_line_flagged' and stream_id = '{revocation.Id}'"))
                    .ShouldBe(1L, $"the revocation of {revocation.Key} flags its paid line exactly once (FR-04)");
            (await fixture.Scalar<long>(schema,
                    "select count(*) from {schema}.mt_events e where not exists (select 1 from {schema}.mt_notary n where n.seq_id = e.seq_id)"))
                .ShouldBe(0L, "every committed event is notarised");
            (await fixture.Scalar<long>(schema, "select count(*) from {schema}.mt_notary"))
                .ShouldBe(await fixture.Scalar<long>(schema, "select count(*) from {schema}.mt_events"));

            // The caught-up read models equal a rebuild from nothing through the replay verb.
            var caughtUp = await fixture.AsyncReadModelsAsync(schema);
            caughtUp["mt_doc_payoutledgerrow"].ShouldNotStartWith("0 rows");
            second.Kill();
            await fixture.Execute(schema, "truncate {schema}.mt_doc_certificateregisterentry, {schema}.mt_doc_forgerywatchentry, {schema}.mt_doc_payoutledgerrow");
            var (exitCode, output) = await ApiProcess.RunVerbAsync(database, schema, "replay");
            exitCode.ShouldBe(0, output);
            // A long verb says what it is doing while it does it (issue 15 item 7).
            output.ShouldContain("replay: rebuilding CertificateRegisterEntry");
            (await fixture.AsyncReadModelsAsync(schema)).ShouldBe(caughtUp);
        }
        finally
        {
            if (second is not null) await second.DisposeAsync();
            if (first is not null) await first.DisposeAsync();
            await fixture.Postgres.DropSchemaAsync(schema);
        }
    }

    private static Task<Reply> Revoke(ApiProcess api, HttpTrainee trainee) =>
        api.Post($"/api/certificates/{trainee.CertificateId}/revocations",
            new { on = "2021-05-10", ground = "deception", reason = "exam fraud found by inspection", legalBasis = "特种作业人员安全技术培训考核管理规定 第四十条", version = 1 }, Actor.Regulator);

    /// <summary>Runs a request; null when the process died under it (refused, reset or timed out), so its outcome is unknown.</summary>
    internal static async Task<Reply?> Try(Func<Task<Reply>> request)
    {
        try
        {
            return await request();
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    internal static async Task Until(Func<bool> condition, string what, int seconds = 120)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("waited in vain for " + what);
            await Task.Delay(20);
        }
    }
}
