namespace Ledger.Api.Tests.Faults;

/// <summary>
/// The lost answer: a write commits and the process dies before its answer leaves, so the client cannot tell whether it
/// happened. Retried with its Idempotency-Key against a new process, the write is answered from the key's record, which
/// committed with it: one effect, and the original answer (a claim id the server chose, which no second run could repeat).
/// </summary>
[Collection(nameof(FaultsCollection))]
public sealed class LostAnswerTests(FaultsFixture fixture)
{
    [Fact]
    public async Task a_write_whose_answer_died_with_the_process_after_its_commit_is_answered_again_from_its_key_with_one_effect()
    {
        var schema = FaultsFixture.NewSchema("lost");
        var database = fixture.Postgres.ConnectionString;
        ApiProcess? held = null, fresh = null;
        try
        {
            // Development only: keyed writes wait this long between their commit and their answer, the window a crash loses.
            held = await ApiProcess.StartAsync(database, schema, "held", new Dictionary<string, string> { ["Ledger__Idempotency__HoldAnswerAfterCommit"] = "00:05:00" });
            var enterprise = await held.Enterprise();
            var training = await held.HljClass();
            var trainee = await held.Trainee(training, enterprise);
            var actor = Actor.Enterprise.For(enterprise);
            // No claimId: the server picks one, so only the record of the first answer can name it again.
            var form = HttpScenarios.ClaimForm(enterprise, training, [trainee]);
            var claimKey = Guid.NewGuid().ToString();
            var forgery = new { number = "HLJ-FORGED-77", whereFound = "site inspection", reportedOn = "2026-11-20", reason = "no hologram" };
            var forgeryKey = Guid.NewGuid().ToString();

            var lostClaim = held.Post("/api/claims", form, actor, claimKey);
            var lostForgery = held.Post("/api/forgery-reports", forgery, Actor.Regulator, forgeryKey);
            // Both committed (the key's record holds its answer only once its transaction committed), neither answered.
            await WaitUntil(async () => await Answered(schema) == 2, held);
            lostClaim.IsCompleted.ShouldBeFalse();
            lostForgery.IsCompleted.ShouldBeFalse();
            held.Kill();
            await Should.ThrowAsync<HttpRequestException>(() => lostClaim);
            await Should.ThrowAsync<HttpRequestException>(() => lostForgery);
            (await Count(schema, "claim_submitted")).ShouldBe(1L);

            fresh = await ApiProcess.StartAsync(database, schema, "fresh");
            var claimId = await fixture.Scalar<Guid>(schema, "select stream_id from {schema}.mt_events where type = 'claim_submitted'");
            var retried = (await fresh.Post("/api/claims", form, actor, claimKey)).ShouldBe(201);
            retried.Body.GetProperty("claimId").GetGuid().ShouldBe(claimId);
            retried.Body.GetProperty("entitledAmount").GetDecimal().ShouldBe(1000m);
            (await fresh.Post("/api/claims", form, actor, claimKey)).Text.ShouldBe(retried.Text);
            (await fresh.Post("/api/forgery-reports", forgery, Actor.Regulator, forgeryKey)).ShouldBe(202);

            (await Count(schema, "claim_submitted")).ShouldBe(1L);
            (await Count(schema, "entitlement_held")).ShouldBe(1L);
            (await Count(schema, "forged_certificate_reported")).ShouldBe(1L);

            // Without the key the same form is a new claim: the one entitlement is already held (FR-01), so it earns nothing.
            var again = (await fresh.Post("/api/claims", form, actor)).ShouldBe(201);
            again.Body.GetProperty("claimId").GetGuid().ShouldNotBe(claimId);
            again.Body.GetProperty("duplicates").GetInt32().ShouldBe(1);
        }
        finally
        {
            if (held is not null) await held.DisposeAsync();
            if (fresh is not null) await fresh.DisposeAsync();
            await fixture.Postgres.DropSchemaAsync(schema);
        }
    }

    private Task<long> Answered(string schema) =>
        fixture.Scalar<long>(schema, "select count(*) from {schema}.mt_idempotency_keys where status is not null");

    private Task<long> Count(string schema, string type) =>
        fixture.Scalar<long>(schema, $"select count(*) from {{schema}}.mt_events where type = '{type}'");

    private static async Task WaitUntil(Func<Task<bool>> condition, ApiProcess api)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the keyed writes did not commit:\n{api.Output}");
            await Task.Delay(100);
        }
    }
}
