using Ledger.Api.Audit;
using Ledger.Api.Tests.Claims;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Tests.Training;
using Marten;
using Marten.Events;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;

namespace Ledger.Api.Tests.Audit;

/// <summary>
/// The one-pass rebuild (`replay`) must leave every read model exactly as the inline path and the daemon wrote it:
/// the same documents, revisions and duplicated columns, and the registers' log positions where the daemon resumes.
/// </summary>
[Collection(nameof(ClaimReportsCollection))]
public sealed class OnePassRebuildTests(AppFixture fixture) : IntegrationContext(fixture)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Fixture.Clock.Reset(ClaimScenarios.Today2021);
    }

    [Fact]
    public async Task the_one_pass_rebuild_gives_every_read_model_row_for_row_as_the_inline_path_and_the_daemon_wrote_it()
    {
        var (enterprise, _) = await Host.RegisterEnterprise("hlj");
        var training = await Host.HljInstitutionWithClass();
        var a = await Host.Trainee(training, enterprise, "张三");
        var b = await Host.Trainee(training, enterprise, "李四");
        await Host.PaidClaim(enterprise, training, [a, b], new LocalDate(2021, 4, 10), "HLJ-PAY-0101");
        Fixture.Clock.Reset(AppFixture.Now);
        await Host.WriteSomeLedger();
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var before = await Rows();
        before.Keys.ShouldContain("mt_doc_person");
        before["mt_doc_claim"].ShouldNotStartWith("0 rows");
        before["mt_doc_entitlement"].ShouldNotStartWith("0 rows");
        before["mt_doc_certificateregisterentry"].ShouldNotStartWith("0 rows");
        before["mt_doc_forgerywatchentry"].ShouldNotStartWith("0 rows");

        var store = Host.Services.GetRequiredService<IDocumentStore>();
        var names = AuditFiles.ProjectionNames(store);
        // A stale row in every table: the rebuild must replace a table's contents, not add to them.
        await Host.Sql("update {schema}.mt_doc_person set data = data || '{\"name\":\"stale\"}'");
        await Host.Sql("delete from {schema}.mt_doc_certificate where ctid in (select ctid from {schema}.mt_doc_certificate limit 1)");
        await Host.Sql("update {schema}.mt_event_progression set last_seq_id = 1 where name like 'CertificateRegisterEntry%'");
        (await Rows()).ShouldNotBe(before);

        var rebuilt = await OnePassRebuild.RunAsync(store, names, CancellationToken.None);
        rebuilt.Select(r => r.Name).ShouldBe(["Person", "Certificate", "Enterprise", "Institution", "InternalTrainerRoster", "Inspection", "TipOff", "TrainingClass", "Claim",
            "Entitlement", "CertificateRegisterEntry", "ForgeryWatchEntry"], ignoreOrder: true);
        // The payout ledger groups claim events by row: not single-stream, so the daemon rebuilds it as before.
        OnePassRebuild.Handles(store.Options, "PayoutLedgerRow").ShouldBeFalse();
        var daemon = Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.RebuildProjectionAsync("PayoutLedgerRow", TimeSpan.FromSeconds(60), CancellationToken.None);

        var after = await Rows();
        after.ShouldBe(before);
    }

    /// <summary>Per document table a hash of every column but Marten's modification time, and the daemon's log positions.</summary>
    private async Task<SortedDictionary<string, string>> Rows()
    {
        var schema = Host.EventSchema();
        await using var connection = new NpgsqlConnection(AppFixture.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("select table_name from information_schema.tables where table_schema = $1 and table_name like 'mt_doc_%' order by 1", connection)
        {
            Parameters = { new() { Value = schema } },
        })
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand(
                $"select count(*) || ' rows, ' || coalesce(md5(string_agg((to_jsonb(d) - 'mt_last_modified')::text, '|' order by d.id::text)), '') from {schema}.{table} as d",
                connection);
            result[table] = (string)(await command.ExecuteScalarAsync())!;
        }
        await using (var progress = new NpgsqlCommand(
            $"select name, last_seq_id from {schema}.mt_event_progression where name not like 'HighWater%' and name not like 'Notary%' and name not like 'ClaimRecheck%'", connection))
        await using (var reader = await progress.ExecuteReaderAsync())
            while (await reader.ReadAsync()) result["progression " + reader.GetString(0)] = reader.GetInt64(1).ToString();
        return result;
    }
}
