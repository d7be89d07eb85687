using Ledger.Api.Tests.Infrastructure;
using Ledger.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Weasel.Core;

namespace Ledger.Api.Tests.Audit;

/// <summary>
/// The event log is analyzed by autovacuum after every 100,000 new events rather than after 10% of it changed, so the
/// planner knows the log's tail when a rebuild or the daemon pages through it (EventLogStatisticsSchema).
/// </summary>
[Collection(nameof(AuditCollection))]
public sealed class EventLogStatisticsTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task the_event_log_is_analyzed_by_a_fixed_number_of_new_events_and_the_setting_is_applied_once()
    {
        var options = await Host.Scalar<string[]>(
            "select coalesce(c.reloptions, '{}') from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = '{schema}' and c.relname = 'mt_events'");
        options.ShouldContain("autovacuum_analyze_scale_factor=0");
        options.ShouldContain($"autovacuum_analyze_threshold={EventLogStatisticsSchema.AnalyzeThreshold}");

        // Applied: the next startup's migration finds nothing to change for it (else every start would ALTER the log).
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        var feature = new EventLogStatisticsSchema(((DocumentStore)store).Options);
        var migration = await store.Storage.Database.CreateMigrationAsync(feature, CancellationToken.None);
        migration.Difference.ShouldBe(SchemaPatchDifference.None);

        await Host.Sql("alter table {schema}.mt_events reset (autovacuum_analyze_threshold)");
        (await store.Storage.Database.CreateMigrationAsync(feature, CancellationToken.None)).Difference.ShouldBe(SchemaPatchDifference.Create);
        await store.Storage.Database.ApplyAllConfiguredChangesToDatabaseAsync();
        (await store.Storage.Database.CreateMigrationAsync(feature, CancellationToken.None)).Difference.ShouldBe(SchemaPatchDifference.None);
    }
}
