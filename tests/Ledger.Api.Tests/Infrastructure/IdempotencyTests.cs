using System.Text.Json;
using Alba;
using Ledger.Api.Tests.Audit;
using NodaTime;

namespace Ledger.Api.Tests.Infrastructure;

[CollectionDefinition(nameof(IdempotencyCollection))]
public sealed class IdempotencyCollection : ICollectionFixture<AppFixture>;

/// <summary>
/// The Idempotency-Key header on POSTs: a retry is answered with the first answer and appends nothing, the key cannot be
/// reused for another request, keys belong to one actor, and they last the configured window.
/// </summary>
[Collection(nameof(IdempotencyCollection))]
public sealed class IdempotencyTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly (string, string, string) OtherRegulator = ("inspector-wu", "tj-jizhou-emergency-bureau", "regulator");

    private async Task<(int Status, string Body, string? Location)> Send(string url, object body, string? key, (string, string, string)? actor = null)
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl(url);
            s.AsActor(actor);
            if (key is not null) s.WithRequestHeader("Idempotency-Key", key);
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await result.ReadAsTextAsync(), result.Context.Response.Headers.Location.ToString());
    }

    private static object Forgery(string where = "site inspection") =>
        new { number = "TJ-FORGED-1", whereFound = where, reportedOn = "2026-03-01", reason = "no hologram" };

    [Fact]
    public async Task a_forgery_report_retried_with_its_key_is_recorded_once_and_answered_as_the_first_time()
    {
        var first = await Send("/api/forgery-reports", Forgery(), "\"report-7f3a\"");
        first.Status.ShouldBe(202);
        var events = await Fixture.EventCountAsync();

        var retry = await Send("/api/forgery-reports", Forgery(), "\"report-7f3a\"");
        retry.ShouldBe(first);
        (await Fixture.EventCountAsync()).ShouldBe(events);

        // Without a key it is a new report, as before.
        (await Send("/api/forgery-reports", Forgery(), null)).Status.ShouldBe(202);
        (await Fixture.EventCountAsync()).ShouldBe(events + 1);
    }

    [Fact]
    public async Task a_registration_retried_with_its_key_gets_its_201_again_instead_of_a_409()
    {
        var body = LedgerScenarios.PersonBody(TestIds.NewIdNumber());
        var first = await Send("/api/persons", body, "register-1");
        first.Status.ShouldBe(201);
        first.Location.ShouldStartWith("/api/persons/");
        var retry = await Send("/api/persons", body, "register-1");
        retry.ShouldBe(first);
        // The same request without the key is the duplicate it always was.
        (await Send("/api/persons", body, null)).Status.ShouldBe(409);
        // The stored answer holds personal data (a masked number here, full numbers elsewhere), so it is sealed like them.
        var stored = await Host.Scalar<string>("select body from {schema}.mt_idempotency_keys");
        stored.ShouldNotContain("***");
        Convert.FromBase64String(stored).Length.ShouldBeGreaterThan(28);
    }

    [Fact]
    public async Task the_same_key_for_another_request_is_refused_naming_the_key_and_stores_nothing()
    {
        (await Send("/api/forgery-reports", Forgery(), "k-1")).Status.ShouldBe(202);
        var events = await Fixture.EventCountAsync();
        var refused = await Send("/api/forgery-reports", Forgery("market stall"), "k-1");
        refused.Status.ShouldBe(422);
        var problem = JsonDocument.Parse(refused.Body).RootElement;
        problem.GetProperty("idempotencyKey").GetString().ShouldBe("k-1");
        problem.GetProperty("code").GetString().ShouldBe("idempotency-key-reused");
        (await Fixture.EventCountAsync()).ShouldBe(events);
        // Another endpoint is another request too.
        (await Send("/api/persons", LedgerScenarios.PersonBody(TestIds.NewIdNumber()), "k-1")).Status.ShouldBe(422);
        (await Fixture.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task a_key_belongs_to_its_actor_so_another_caller_never_gets_the_first_callers_answer()
    {
        var body = LedgerScenarios.PersonBody(TestIds.NewIdNumber());
        (await Send("/api/persons", body, "shared-key")).Status.ShouldBe(201);
        // The other user's request runs as its own, and meets the registration as anyone would.
        (await Send("/api/persons", body, "shared-key", OtherRegulator)).Status.ShouldBe(409);
        (await Send("/api/forgery-reports", Forgery(), "shared-key", OtherRegulator)).Status.ShouldBe(202);
    }

    [Fact]
    public async Task a_refused_request_records_no_key_so_its_corrected_retry_runs()
    {
        var bad = new { number = "TJ-FORGED-2", whereFound = "site", reportedOn = "not-a-date", reason = "no hologram" };
        (await Send("/api/forgery-reports", bad, "fix-me")).Status.ShouldBe(400);
        (await Host.Scalar<long>("select count(*) from {schema}.mt_idempotency_keys")).ShouldBe(0L);
        // A request that failed took no effect, so the same key may carry the corrected one.
        (await Send("/api/forgery-reports", Forgery(), "fix-me")).Status.ShouldBe(202);
    }

    [Fact]
    public async Task a_key_is_kept_for_its_window_and_is_new_again_after_it()
    {
        (await Send("/api/forgery-reports", Forgery(), "daily")).Status.ShouldBe(202);
        var events = await Fixture.EventCountAsync();
        Fixture.Clock.Advance(Duration.FromHours(23));
        (await Send("/api/forgery-reports", Forgery(), "daily")).Status.ShouldBe(202);
        (await Fixture.EventCountAsync()).ShouldBe(events);
        Fixture.Clock.Advance(Duration.FromHours(2));
        (await Send("/api/forgery-reports", Forgery(), "daily")).Status.ShouldBe(202);
        (await Fixture.EventCountAsync()).ShouldBe(events + 1);
    }

    [Fact]
    public async Task a_malformed_key_is_a_400_naming_the_header()
    {
        var refused = await RefusedAsync(() => Send("/api/forgery-reports", Forgery(), "bad\\key"));
        refused.Status.ShouldBe(400);
        JsonDocument.Parse(refused.Body).RootElement.GetProperty("errors").TryGetProperty("Idempotency-Key", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task an_import_retried_with_its_key_gets_its_first_report_while_without_it_the_rows_are_skipped()
    {
        var id = TestIds.NewIdNumber();
        await Host.RegisterPerson(id, "张三");
        var csv = "certificate_number,id_number,name,kind,work_type,industry,exam_point,exam_date,pass_date,issued_on,issuing_authority,valid_from,valid_until\n"
                  + $"{TestIds.NewCertificateNumber()},{id},张三,special-operation,electrical.low-voltage,,蓟州区安全生产考试点,2026-02-02,2026-02-02,2026-02-04,天津市应急管理局,2026-02-04,\n";
        async Task<string> Import(string? key)
        {
            var result = await Host.Scenario(s =>
            {
                s.Post.Text(csv).ToUrl("/api/imports/certificates");
                s.WithRequestHeader("Content-Type", "text/csv");
                s.AsActor();
                if (key is not null) s.WithRequestHeader("Idempotency-Key", key);
                s.StatusCodeShouldBe(200);
            });
            return await result.ReadAsTextAsync();
        }
        var first = await Import("import-1");
        JsonDocument.Parse(first).RootElement.GetProperty("accepted").GetInt32().ShouldBe(1);
        var events = await Fixture.EventCountAsync();
        (await Import("import-1")).ShouldBe(first);
        (await Fixture.EventCountAsync()).ShouldBe(events);
        JsonDocument.Parse(await Import(null)).RootElement.GetProperty("skipped").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task racing_retries_with_one_key_take_one_effect()
    {
        var replies = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Send("/api/forgery-reports", Forgery(), "race")));
        replies.ShouldAllBe(r => r.Status == 202 || r.Status == 409);
        replies.Count(r => r.Status == 202).ShouldBeGreaterThan(0);
        (await Host.Scalar<long>("select count(*) from {schema}.mt_events where type = 'forged_certificate_reported'")).ShouldBe(1L);
    }
}
