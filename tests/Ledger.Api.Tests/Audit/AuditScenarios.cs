using Marten.Events;
using Alba;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Projections.Audit;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ledger.Api.Tests.Audit;

[CollectionDefinition(nameof(AuditCollection))]
public sealed class AuditCollection : ICollectionFixture<AppFixture>;

public static class AuditScenarios
{
    /// <summary>Two persons, three certificates (one reviewed) and a forgery report, all notarised.</summary>
    public static async Task<(Guid PersonId, Guid CertificateId)> WriteSomeLedger(this IAlbaHost host)
    {
        var person = await host.RegisterPerson(name: "张三");
        var certificate = await host.IssueCertificate(person);
        await host.IssueCertificate(person, workType: "electrical.high-voltage");
        await host.Post($"/api/certificates/{certificate}/reviews", new { reviewedOn = "2026-02-20", passed = true, reviewPassDate = "2026-02-19", version = 1 }, 200);
        var other = await host.RegisterPerson(name: "李四");
        await host.IssueCertificate(other);
        await host.Post("/api/forgery-reports", new { number = "TJ-FORGED-9", whereFound = "site inspection", reportedOn = "2026-03-01", reason = "no hologram" }, 202);
        await host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        return (person, certificate);
    }

    public static LedgerAudit Audit(this IAlbaHost host) => host.Services.GetRequiredService<LedgerAudit>();

    public static async Task<LedgerDigest> Digest(this IAlbaHost host) =>
        await host.Audit().CreateDigestAsync(DateTimeOffset.UtcNow, save: true, CancellationToken.None) ?? throw new InvalidOperationException("nothing notarised");

    public static string EventSchema(this IAlbaHost host) => host.Services.GetRequiredService<IDocumentStore>().Options.Events.DatabaseSchemaName;

    /// <summary>What a privileged attacker does: switch the trigger off, edit rows, switch it back on.</summary>
    public static async Task Tamper(this IAlbaHost host, string sql)
    {
        var schema = host.EventSchema();
        await Sql(host, $"""
            begin;
            alter table {schema}.mt_events disable trigger {AuditSchema.TriggerName};
            {sql.Replace("{schema}", schema)};
            alter table {schema}.mt_events enable trigger {AuditSchema.TriggerName};
            commit;
            """);
    }

    public static async Task Sql(this IAlbaHost host, string sql)
    {
        await using var connection = new NpgsqlConnection(AppFixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql.Replace("{schema}", host.EventSchema()), connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> Scalar<T>(this IAlbaHost host, string sql)
    {
        await using var connection = new NpgsqlConnection(AppFixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql.Replace("{schema}", host.EventSchema()), connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static Task<long> SequenceOf(this IAlbaHost host, string type, int nth = 0) =>
        host.Scalar<long>($"select seq_id from {{schema}}.mt_events where type = '{type}' order by seq_id offset {nth} limit 1");
}
