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

    /// <summary>The ledger's published keys, as an auditor holds them after GET /api/audit/keys.</summary>
    public static LedgerPublicKeys PublicKeys(this IAlbaHost host) => host.Services.GetRequiredService<LedgerSigner>().PublicKeys;

    /// <summary>A publisher of signed digests to its own witness folder, as the schedule publishes to the configured one.</summary>
    public static DigestPublisher Publisher(this IAlbaHost host, string witnessFolder) =>
        new(host.Services.GetRequiredService<IDocumentStore>(), host.Services.GetRequiredService<LedgerSigner>(), new FolderWitness(witnessFolder),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<DigestPublisher>.Instance);

    /// <summary>Publishes now; the host's own schedule may hold the turn for a moment, so a null answer is tried again.</summary>
    public static async Task<LedgerDigest> Witness(this DigestPublisher publisher)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (await publisher.PublishAsync(DateTimeOffset.UtcNow, CancellationToken.None) is { } digest) return digest;
            await Task.Delay(100);
        }
        throw new InvalidOperationException("nothing notarised");
    }

    /// <summary>Appends one more event (a person registered) and waits for the notary.</summary>
    public static async Task<Guid> WriteMore(this IAlbaHost host, string name)
    {
        var person = await host.RegisterPerson(name: name);
        await host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        return person;
    }

    public static async Task RestartDaemon(this IAlbaHost host)
    {
        var daemon = host.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.StopAllAsync();
        await daemon.StartAllAsync();
        await host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>What the notary's own rows are lost with: rows and progress, so it notarises again from the start.</summary>
    public static Task ForgetNotary(this IAlbaHost host) =>
        host.Sql($"truncate {{schema}}.{AuditSchema.NotaryTable}; delete from {{schema}}.mt_event_progression where name like 'Notary%'");

    /// <summary>A scratch folder under the test output, removed with its read-only witness files.</summary>
    public static string ScratchFolder(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), "ledger-tests", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

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
