using System.Text.Json;
using JasperFx.CommandLine;
using JasperFx.Events.Projections;
using Ledger.Domain.Certificates;
using Ledger.Projections.Audit;
using Marten;
using NodaTime;

namespace Ledger.Api.Audit;

public sealed class DigestInput : NetCoreInput
{
    [Description("Write the digest JSON to this file as well as printing it")]
    public string OutFlag { get; set; } = "";
}

[Description("Seal everything notarised so far into a digest (print it, store it, and optionally write it to a file kept outside the database)", Name = "digest")]
public sealed class DigestCommand : JasperFxAsyncCommand<DigestInput>
{
    public override async Task<bool> Execute(DigestInput input)
    {
        using var host = input.BuildHost();
        var audit = host.Services.GetRequiredService<LedgerAudit>();
        var now = host.Services.GetRequiredService<IClock>().GetCurrentInstant().ToDateTimeOffset();
        var digest = await audit.CreateDigestAsync(now, save: true, CancellationToken.None);
        if (digest is null)
        {
            Console.Error.WriteLine("digest: nothing is notarised yet (is the async daemon running?)");
            return false;
        }
        var json = JsonSerializer.Serialize(digest, new JsonSerializerOptions(LedgerAudit.ExportJson) { WriteIndented = true });
        Console.WriteLine(json);
        if (input.OutFlag.Length > 0) await File.WriteAllTextAsync(input.OutFlag, json);
        return true;
    }
}

public sealed class VerifyInput : NetCoreInput
{
    [Description("Digest JSON file (from the digest verb or POST /api/audit/digests) to verify the database against")]
    public string DigestFlag { get; set; } = "";

    [Description("Verify one stream only")]
    public string StreamFlag { get; set; } = "";

    [Description("Verify an NDJSON export with no database at all")]
    public string OfflineFlag { get; set; } = "";
}

[Description("Recompute every event digest, both hash chains and the Merkle root and compare them with a digest; report the first bad event", Name = "verify")]
public sealed class VerifyCommand : JasperFxAsyncCommand<VerifyInput>
{
    public override async Task<bool> Execute(VerifyInput input)
    {
        VerificationReport report;
        if (input.OfflineFlag.Length > 0)
        {
            using var reader = File.OpenText(input.OfflineFlag);
            report = LedgerAudit.VerifyOffline(reader);
        }
        else
        {
            var digest = await AuditFiles.ReadDigestAsync(input.DigestFlag);
            if (digest is null) return AuditFiles.Fail("verify", "--digest <file> (or --offline <export.ndjson>) is required");
            Guid? stream = null;
            if (input.StreamFlag.Length > 0)
            {
                if (!Guid.TryParse(input.StreamFlag, out var id)) return AuditFiles.Fail("verify", "--stream must be a stream id (UUID)");
                stream = id;
            }
            using var host = input.BuildHost();
            report = await host.Services.GetRequiredService<LedgerAudit>().VerifyAsync(digest, stream, CancellationToken.None);
        }
        Console.WriteLine(report);
        foreach (var problem in report.Problems.Skip(1).Take(10))
            Console.WriteLine($"  then {(problem.Sequence is { } s ? "at sequence " + s : "")} {problem.Kind}: {problem.Detail}");
        return report.Intact;
    }
}

public sealed class ExportInput : NetCoreInput
{
    [Description("Digest JSON file whose Merkle root the proofs lead to")]
    public string DigestFlag { get; set; } = "";

    [Description("NDJSON file to write")]
    public string OutFlag { get; set; } = "";

    [Description("Export one stream")]
    public string StreamFlag { get; set; } = "";

    [Description("Export a person's stream and the streams of the certificates they hold")]
    public string PersonFlag { get; set; } = "";

    [Description("Events recorded from this instant (ISO 8601, inclusive)")]
    public string FromFlag { get; set; } = "";

    [Description("Events recorded before this instant (ISO 8601, exclusive)")]
    public string ToFlag { get; set; } = "";
}

[Description("Write events with their canonical content, digest and Merkle proof against a digest as NDJSON, for verify --offline", Name = "export")]
public sealed class ExportCommand : JasperFxAsyncCommand<ExportInput>
{
    public override async Task<bool> Execute(ExportInput input)
    {
        var digest = await AuditFiles.ReadDigestAsync(input.DigestFlag);
        if (digest is null) return AuditFiles.Fail("export", "--digest <file> is required");
        if (input.OutFlag.Length == 0) return AuditFiles.Fail("export", "--out <file.ndjson> is required");
        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();

        ExportSelection selection;
        if (input.StreamFlag.Length > 0)
        {
            if (!Guid.TryParse(input.StreamFlag, out var id)) return AuditFiles.Fail("export", "--stream must be a UUID");
            selection = new ExportSelection([id]);
        }
        else if (input.PersonFlag.Length > 0)
        {
            if (!Guid.TryParse(input.PersonFlag, out var person)) return AuditFiles.Fail("export", "--person must be a UUID");
            await using var session = store.QuerySession();
            var certificates = await session.Query<Certificate>().Where(c => c.PersonId == person).Select(c => c.Id).ToListAsync();
            selection = new ExportSelection([person, .. certificates]);
        }
        else if (input.FromFlag.Length > 0 || input.ToFlag.Length > 0)
        {
            if (!DateTimeOffset.TryParse(input.FromFlag.Length > 0 ? input.FromFlag : "0001-01-01T00:00:00Z", out var from)
                || !DateTimeOffset.TryParse(input.ToFlag.Length > 0 ? input.ToFlag : "9999-12-31T00:00:00Z", out var until))
                return AuditFiles.Fail("export", "--from and --to are ISO 8601 instants");
            selection = new ExportSelection(From: from, Until: until);
        }
        else selection = new ExportSelection();

        await using var output = File.Create(input.OutFlag);
        var written = await host.Services.GetRequiredService<LedgerAudit>().ExportAsync(digest, selection, output, CancellationToken.None);
        Console.WriteLine($"wrote {written} events sealed by the digest at sequence {digest.LastSequence} to {input.OutFlag}");
        return true;
    }
}

public sealed class ReplayInput : NetCoreInput
{
    [Description("Rebuild only this projection (its name, e.g. CertificateRegisterEntry); default every async projection")]
    public string ProjectionFlag { get; set; } = "";

    [Description("Rebuild every projection, the inline snapshots (Person, Certificate, Claim...) too, as `projections rebuild` does")]
    public bool AllFlag { get; set; }

    [Description("Seconds to allow each rebuild")]
    public int TimeoutFlag { get; set; } = 600;
}

[Description("Rebuild async projections from the event store through the projection daemon", Name = "replay")]
public sealed class ReplayCommand : JasperFxAsyncCommand<ReplayInput>
{
    public override async Task<bool> Execute(ReplayInput input)
    {
        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var names = input.ProjectionFlag.Length > 0 ? [input.ProjectionFlag]
            : input.AllFlag ? AuditFiles.ProjectionNames(store)
            : AuditFiles.AsyncProjectionNames(store);
        await AuditFiles.AnalyzeEventsAsync(store);
        using var daemon = await store.BuildProjectionDaemonAsync();
        foreach (var name in names)
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            await daemon.RebuildProjectionAsync(name, TimeSpan.FromSeconds(input.TimeoutFlag), CancellationToken.None);
            Console.WriteLine($"rebuilt {name} in {started.Elapsed.TotalSeconds:0.00} s");
        }
        return true;
    }
}

public static class AuditFiles
{
    public static async Task<LedgerDigest?> ReadDigestAsync(string path)
    {
        if (path.Length == 0 || !File.Exists(path)) return null;
        await using var file = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<LedgerDigest>(file, LedgerAudit.ExportJson);
    }

    /// <summary>Async projections only: the notary is a subscription, and replaying it would change nothing it wrote.</summary>
    /// <summary>Every projection a rebuild can replay (subscriptions have no documents to rebuild).</summary>
    public static string[] ProjectionNames(IDocumentStore store) =>
        ((DocumentStore)store).Options.Projections.All.Where(p => p is not Marten.Subscriptions.ISubscription).Select(p => p.Name).ToArray();

    /// <summary>
    /// Fresh planner statistics for the event log before a replay. A rebuild pages through the log with
    /// "seq_id in (a, b] and type = any(...) order by seq_id limit n"; for the stretch of the log appended since the last
    /// (auto)analyze the planner estimates about one row, picks the (type, seq_id) index and sorts every match of the
    /// range. At 1,000,000 persons that made an Entitlement page take 1.8 s instead of 6 ms and failed the rebuild on
    /// command timeouts; autovacuum re-analyzes only after 10% of the table has changed.
    /// </summary>
    public static async Task AnalyzeEventsAsync(IDocumentStore store)
    {
        var schema = ((DocumentStore)store).Options.Events.DatabaseSchemaName;
        await using var session = store.LightweightSession();
        session.QueueSqlCommand($"analyze {schema}.mt_events");
        session.QueueSqlCommand($"analyze {schema}.mt_streams");
        await session.SaveChangesAsync();
    }

    public static string[] AsyncProjectionNames(IDocumentStore store) =>
        ((DocumentStore)store).Options.Projections.All.Where(p => p.Lifecycle == ProjectionLifecycle.Async && p is not Marten.Subscriptions.ISubscription)
            .Select(p => p.Name).ToArray();

    public static bool Fail(string verb, string message)
    {
        Console.Error.WriteLine($"{verb}: {message}");
        return false;
    }
}
