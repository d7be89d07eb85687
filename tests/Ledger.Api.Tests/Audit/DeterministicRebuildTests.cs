using Marten.Events;
using Ledger.Api.Audit;
using Ledger.Api.Tests.Infrastructure;
using Marten;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ledger.Api.Tests.Audit;

[Collection(nameof(AuditCollection))]
public sealed class DeterministicRebuildTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task rebuilding_every_projection_gives_the_same_read_models_row_for_row()
    {
        await Host.WriteSomeLedger();
        var before = await ReadModelHashes();
        before.Keys.ShouldContain("mt_doc_certificateregisterentry");
        before.Keys.ShouldContain("mt_doc_forgerywatchentry");
        before.Values.ShouldAllBe(h => h.Rows > 0 || h.Hash == "");

        var store = (DocumentStore)Host.Services.GetRequiredService<IDocumentStore>();
        var daemon = Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        var asyncNames = AuditFiles.AsyncProjectionNames(store);
        asyncNames.ShouldContain("CertificateRegisterEntry");
        // Every projection, the inline snapshots too, as `projections rebuild` does: the daemon's paged replay must give
        // the documents the inline path wrote with each append.
        var everyName = AuditFiles.ProjectionNames(store);
        everyName.ShouldContain("Person");
        everyName.ShouldContain("Claim");
        await Host.Sql("truncate {schema}.mt_doc_certificateregisterentry, {schema}.mt_doc_forgerywatchentry, {schema}.mt_doc_person, {schema}.mt_doc_certificate, {schema}.mt_doc_claim");
        foreach (var name in everyName) await daemon.RebuildProjectionAsync(name, TimeSpan.FromSeconds(60), CancellationToken.None);

        var after = await ReadModelHashes();
        after.ShouldBe(before);
    }

    /// <summary>A content hash per document table: ids and JSON bodies in id order, leaving out Marten's own modification times.</summary>
    private async Task<Dictionary<string, (long Rows, string Hash)>> ReadModelHashes()
    {
        var schema = Host.EventSchema();
        await using var connection = new NpgsqlConnection(AppFixture.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("select table_name from information_schema.tables where table_schema = $1 and table_name like 'mt_doc_%' order by 1", connection))
        {
            list.Parameters.Add(new NpgsqlParameter { Value = schema });
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var result = new Dictionary<string, (long, string)>();
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand(
                $"select count(*), coalesce(md5(string_agg(id::text || '=' || data::text, '|' order by id::text)), '') from {schema}.{table}", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            result[table] = (reader.GetInt64(0), reader.GetString(1));
        }
        return result;
    }
}
