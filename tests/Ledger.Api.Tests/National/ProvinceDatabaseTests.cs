using System.Text.Json;
using Alba;
using Ledger.Api.Tests.Infrastructure;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Testing;
using Npgsql;

namespace Ledger.Api.Tests.National;

/// <summary>
/// One API over a database per province (Ledger:Provinces:{code}:ConnectionString): the main database and Heilongjiang's
/// and Zhejiang's, created on the tests' cluster for this class and dropped after it.
/// </summary>
public sealed class ProvinceDatabasesFixture : IAsyncLifetime
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..10];
    public static readonly string[] Names = ["main", "hlj", "zj"];

    public IAlbaHost Host { get; private set; } = null!;

    public string Database(string name) => $"ledger_pd_{name}_{_suffix}";

    public async ValueTask InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(NationalFixture.On("postgres")))
        {
            await admin.OpenAsync();
            foreach (var name in Names)
                await using (var create = new NpgsqlCommand($"create database {Database(name)}", admin))
                    await create.ExecuteNonQueryAsync();
        }
        Host = await AppFixture.StartHostAsync("ledger", new FakeClock(AppFixture.Now), solo: true, settings: new Dictionary<string, string>
        {
            ["ConnectionStrings:Ledger"] = NationalFixture.On(Database("main")),
            ["Ledger:Provinces:hlj:ConnectionString"] = NationalFixture.On(Database("hlj")),
            ["Ledger:Provinces:zj:ConnectionString"] = NationalFixture.On(Database("zj")),
        });
        // Solo mode leaves starting the daemons to the test: one per database, each with its projections and the notary.
        var coordinator = Host.Services.GetRequiredService<IProjectionCoordinator>();
        foreach (var identifier in new[] { "hlj", "zj" }) await (await coordinator.DaemonForDatabase(identifier)).StartAllAsync();
        await coordinator.DaemonForMainDatabase().StartAllAsync();
    }

    public async Task<T> ScalarAsync<T>(string name, string sql)
    {
        await using var connection = new NpgsqlConnection(NationalFixture.On(Database(name)));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        await using var admin = new NpgsqlConnection(NationalFixture.On("postgres"));
        await admin.OpenAsync();
        foreach (var name in Names)
            await using (var drop = new NpgsqlCommand($"drop database if exists {Database(name)} with (force)", admin))
                await drop.ExecuteNonQueryAsync();
    }
}

public sealed class ProvinceDatabaseTests(ProvinceDatabasesFixture fixture) : IClassFixture<ProvinceDatabasesFixture>
{
    private async Task<(int Status, JsonElement Body)> As(string jurisdiction, Action<Scenario> request)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            request(s);
            s.WithRequestHeader("X-Ledger-User", "inspector-" + jurisdiction);
            s.WithRequestHeader("X-Ledger-Org", jurisdiction + "-emergency-bureau");
            s.WithRequestHeader("X-Ledger-Role", "regulator");
            s.WithRequestHeader("X-Ledger-Jurisdiction", jurisdiction);
            s.IgnoreStatusCode();
        });
        var body = result.Context.Response.ContentLength == 0 ? default : await result.ReadAsJsonAsync<JsonElement>();
        return (result.Context.Response.StatusCode, body);
    }

    private async Task<Guid> Register(string jurisdiction)
    {
        var (status, body) = await As(jurisdiction, s => s.Post.Json(LedgerScenarios.PersonBody(TestIds.NewIdNumber(), "孙工")).ToUrl("/api/persons"));
        status.ShouldBe(201, body.ToString());
        return body.GetProperty("personId").GetGuid();
    }

    private Task<long> StreamsIn(string database, Guid id) => fixture.ScalarAsync<long>(database, $"select count(*) from ledger.mt_streams where id = '{id}'");

    [Fact]
    public async Task each_provinces_events_land_in_its_own_database_and_a_national_caller_writes_to_the_main_one()
    {
        var inHeilongjiang = await Register("hlj");
        var inTaizhou = await Register("zj-taizhou");
        var national = await Register("cn");

        foreach (var (id, home) in new[] { (inHeilongjiang, "hlj"), (inTaizhou, "zj"), (national, "main") })
            foreach (var database in ProvinceDatabasesFixture.Names)
                (await StreamsIn(database, id)).ShouldBe(database == home ? 1 : 0, $"person stream {id} in database {database}");

        // A read goes to the caller's province database: Zhejiang's ledger does not hold Heilongjiang's person.
        (await As("hlj", s => s.Get.Url($"/api/persons/{inHeilongjiang}"))).Status.ShouldBe(200);
        (await As("zj", s => s.Get.Url($"/api/persons/{inHeilongjiang}"))).Status.ShouldBe(404);
    }

    [Fact]
    public async Task every_province_database_has_the_append_only_trigger_and_its_own_notary()
    {
        var inTaizhou = await Register("zj-taizhou");
        var inHeilongjiang = await Register("hlj");
        foreach (var (database, id) in new[] { ("zj", inTaizhou), ("hlj", inHeilongjiang) })
        {
            var refused = await Should.ThrowAsync<PostgresException>(() => fixture.ScalarAsync<object>(database, $"update ledger.mt_events set data = '{{}}' where stream_id = '{id}'"));
            refused.MessageText.ShouldContain("append-only");
            // Each database's daemon runs the notary over its own log.
            for (var waited = 0; await fixture.ScalarAsync<long>(database, $"select count(*) from ledger.mt_notary where stream_id = '{id}'") == 0; waited++)
            {
                waited.ShouldBeLessThan(150, $"the {database} notary never chained the person's event");
                await Task.Delay(200);
            }
        }
    }

    [Fact]
    public async Task a_keyed_write_keeps_its_key_and_its_events_in_the_callers_province_database_and_a_retry_is_answered_from_there()
    {
        var key = Guid.NewGuid().ToString();
        var body = LedgerScenarios.PersonBody(TestIds.NewIdNumber(), "周工");
        var first = await As("hlj", s => { s.Post.Json(body).ToUrl("/api/persons"); s.WithRequestHeader("Idempotency-Key", key); });
        var retry = await As("hlj", s => { s.Post.Json(body).ToUrl("/api/persons"); s.WithRequestHeader("Idempotency-Key", key); });

        (first.Status, retry.Status).ShouldBe((201, 201));
        var id = first.Body.GetProperty("personId").GetGuid();
        retry.Body.GetProperty("personId").GetGuid().ShouldBe(id);
        foreach (var database in ProvinceDatabasesFixture.Names)
        {
            (await StreamsIn(database, id)).ShouldBe(database == "hlj" ? 1 : 0, $"person stream in {database}");
            (await fixture.ScalarAsync<long>(database, $"select count(*) from ledger.mt_idempotency_keys where key = '{key}'"))
                .ShouldBe(database == "hlj" ? 1 : 0, $"idempotency key in {database}");
        }
    }
}
