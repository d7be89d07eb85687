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
        before.Values.ShouldAllBe(h => !h.StartsWith("0 rows") || h == "0 rows, ");

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

    private Task<Dictionary<string, string>> ReadModelHashes() => ReadModels.HashesAsync(AppFixture.ConnectionString, Host.EventSchema());
}
