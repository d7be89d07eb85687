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

[Description("Seal everything notarised so far into a signed digest, push it to the witness (Ledger:Audit:Witness:Path), store it, print it and optionally write it to a file", Name = "digest")]
public sealed class DigestCommand : JasperFxAsyncCommand<DigestInput>
{
    public override async Task<bool> Execute(DigestInput input)
    {
        using var host = input.BuildHost();
        var publisher = host.Services.GetRequiredService<DigestPublisher>();
        var now = host.Services.GetRequiredService<IClock>().GetCurrentInstant().ToDateTimeOffset();
        LedgerDigest? digest;
        try
        {
            digest = await publisher.PublishAsync(now, CancellationToken.None);
        }
        catch (WitnessConflictException e)
        {
            return AuditFiles.Fail("digest", "账本与见证记录不一致，拒绝签发新摘要；请先运行 verify --witness", e.Message);
        }
        if (digest is null) return AuditFiles.Fail("digest", "尚无已公证的事件（异步守护进程是否在运行？）", "nothing is notarised yet (is the async daemon running?)");
        var json = JsonSerializer.Serialize(digest, new JsonSerializerOptions(LedgerAudit.ExportJson) { WriteIndented = true });
        Console.WriteLine(json);
        if (publisher.Witness is { } witness) Console.Error.WriteLine($"digest: 已写入见证 / witnessed at {witness.Description}");
        if (input.OutFlag.Length > 0) await File.WriteAllTextAsync(input.OutFlag, json);
        return true;
    }
}

public sealed class VerifyInput : NetCoreInput
{
    [Description("Digest JSON file (from the digest verb or POST /api/audit/digests) to verify the database against")]
    public string DigestFlag { get; set; } = "";

    [Description("Witness folder to verify from (default Ledger:Audit:Witness:Path): every witnessed digest's signature and consistency, then the database against the latest")]
    public string WitnessFlag { get; set; } = "";

    [Description("The ledger's published keys (JWKS from GET /api/audit/keys or the audit-keys verb); default the keys configured here")]
    public string KeysFlag { get; set; } = "";

    [Description("Verify one stream only (with --digest)")]
    public string StreamFlag { get; set; } = "";

    [Description("Verify an NDJSON export with no database at all")]
    public string OfflineFlag { get; set; } = "";
}

[Description("Check every event's seal, recompute every event digest, both hash chains and the Merkle root against a digest or the witness; report the first bad event (exit 1 when not intact)", Name = "verify")]
public sealed class VerifyCommand : JasperFxAsyncCommand<VerifyInput>
{
    public override async Task<bool> Execute(VerifyInput input)
    {
        VerificationReport report;
        if (input.OfflineFlag.Length > 0)
        {
            if (!File.Exists(input.OfflineFlag)) return AuditFiles.Fail("verify", $"找不到导出文件 {input.OfflineFlag}", $"no export file at {input.OfflineFlag}");
            LedgerPublicKeys? keys;
            if (input.KeysFlag.Length > 0)
            {
                keys = AuditFiles.ReadKeys("verify", input.KeysFlag);
                if (keys is null) return false;
            }
            else
            {
                // No database is opened: the host only supplies the configured keys.
                using var configured = input.BuildHost();
                keys = configured.Services.GetRequiredService<LedgerSigner>().PublicKeys;
            }
            using var reader = File.OpenText(input.OfflineFlag);
            report = LedgerAudit.VerifyOffline(reader, keys);
        }
        else
        {
            using var host = input.BuildHost();
            var audit = host.Services.GetRequiredService<LedgerAudit>();
            var keys = input.KeysFlag.Length > 0 ? AuditFiles.ReadKeys("verify", input.KeysFlag) : host.Services.GetRequiredService<LedgerSigner>().PublicKeys;
            if (keys is null) return false;
            if (input.DigestFlag.Length > 0)
            {
                var digest = await AuditFiles.ReadDigestAsync(input.DigestFlag);
                if (digest is null) return AuditFiles.Fail("verify", $"无法读取摘要文件 {input.DigestFlag}", $"cannot read a digest from {input.DigestFlag}");
                Guid? stream = null;
                if (input.StreamFlag.Length > 0)
                {
                    if (!Guid.TryParse(input.StreamFlag, out var id)) return AuditFiles.Fail("verify", "--stream 应为流编号（UUID）", "--stream must be a stream id (UUID)");
                    stream = id;
                }
                report = await audit.VerifyAsync(digest, stream, CancellationToken.None);
            }
            else
            {
                var witness = input.WitnessFlag.Length > 0 ? new FolderWitness(input.WitnessFlag) : host.Services.GetRequiredService<DigestPublisher>().Witness;
                if (witness is null)
                    return AuditFiles.Fail("verify", "请给出 --digest <文件>、--witness <目录> 或 --offline <导出文件>",
                        "--digest <file>, --witness <folder> (or Ledger:Audit:Witness:Path) or --offline <export.ndjson> is required");
                report = await audit.VerifyWitnessAsync(witness, keys, CancellationToken.None);
            }
        }
        Console.WriteLine(report);
        foreach (var problem in report.Problems.Skip(1).Take(10))
            Console.WriteLine($"  其后 / then {(problem.Sequence is { } s ? "序号 / at sequence " + s : "")} {problem.KindZh} / {problem.Kind}: {problem.Detail}");
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

    [Description("First sequence number of a range export")]
    public long FromSequenceFlag { get; set; }

    [Description("Last sequence number of a range export")]
    public long ToSequenceFlag { get; set; }
}

[Description("Write events with their canonical content, digest, Merkle proof and stream chain, under a signed header that lists them, as NDJSON for verify --offline", Name = "export")]
public sealed class ExportCommand : JasperFxAsyncCommand<ExportInput>
{
    public override async Task<bool> Execute(ExportInput input)
    {
        var digest = await AuditFiles.ReadDigestAsync(input.DigestFlag);
        if (digest is null) return AuditFiles.Fail("export", "请给出 --digest <摘要文件>", "--digest <file> is required");
        if (input.OutFlag.Length == 0) return AuditFiles.Fail("export", "请给出 --out <导出文件.ndjson>", "--out <file.ndjson> is required");
        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();

        ExportSelection selection;
        if (input.StreamFlag.Length > 0)
        {
            if (!Guid.TryParse(input.StreamFlag, out var id)) return AuditFiles.Fail("export", "--stream 应为 UUID", "--stream must be a UUID");
            selection = new ExportSelection([id]);
        }
        else if (input.PersonFlag.Length > 0)
        {
            if (!Guid.TryParse(input.PersonFlag, out var person)) return AuditFiles.Fail("export", "--person 应为 UUID", "--person must be a UUID");
            await using var session = store.QuerySession();
            var certificates = await session.Query<Certificate>().Where(c => c.PersonId == person).Select(c => c.Id).ToListAsync();
            selection = new ExportSelection([person, .. certificates]);
        }
        else if (input.FromFlag.Length > 0 || input.ToFlag.Length > 0)
        {
            if (!DateTimeOffset.TryParse(input.FromFlag.Length > 0 ? input.FromFlag : "0001-01-01T00:00:00Z", out var from)
                || !DateTimeOffset.TryParse(input.ToFlag.Length > 0 ? input.ToFlag : "9999-12-31T00:00:00Z", out var until))
                return AuditFiles.Fail("export", "--from 与 --to 应为 ISO 8601 时刻", "--from and --to are ISO 8601 instants");
            selection = new ExportSelection(From: from, Until: until);
        }
        else if (input.FromSequenceFlag > 0 || input.ToSequenceFlag > 0)
            selection = new ExportSelection(FromSequence: input.FromSequenceFlag > 0 ? input.FromSequenceFlag : null,
                ToSequence: input.ToSequenceFlag > 0 ? input.ToSequenceFlag : null);
        else selection = new ExportSelection();

        int written;
        await using (var output = File.Create(input.OutFlag))
        {
            try
            {
                written = await host.Services.GetRequiredService<LedgerAudit>().ExportAsync(digest, selection, output, CancellationToken.None);
            }
            catch (InvalidOperationException e)
            {
                output.Close();
                File.Delete(input.OutFlag);
                return AuditFiles.Fail("export", "摘要与账本不符，未导出；请先用 verify 核验", e.Message);
            }
        }
        Console.WriteLine($"已导出 {written} 个事件 / wrote {written} events sealed by the digest at sequence {digest.LastSequence} to {input.OutFlag}");
        return true;
    }
}

public sealed class AuditKeysInput : NetCoreInput
{
    [Description("Write the key set to this file as well as printing it")]
    public string OutFlag { get; set; } = "";
}

[Description("Print the ledger's public signing keys (JWKS, as GET /api/audit/keys answers), to verify digests, exports and credentials offline", Name = "audit-keys")]
public sealed class AuditKeysCommand : JasperFxAsyncCommand<AuditKeysInput>
{
    public override async Task<bool> Execute(AuditKeysInput input)
    {
        using var host = input.BuildHost();
        var jwks = host.Services.GetRequiredService<LedgerSigner>().PublicKeys.ToJwks();
        Console.WriteLine(jwks);
        if (input.OutFlag.Length > 0) await File.WriteAllTextAsync(input.OutFlag, jwks);
        return true;
    }
}

public sealed class VerifyCredentialInput : NetCoreInput
{
    [Description("The QR code's text: the credential, or the verification URL that carries it")]
    public string Credential { get; set; } = "";

    [Description("The ledger's published keys (JWKS); default the keys configured here")]
    public string KeysFlag { get; set; } = "";

    [Description("The status list downloaded from GET /api/credentials/status-list, to check revocation and suspension")]
    public string StatusListFlag { get; set; } = "";

    [Description("The certificate number as printed on the card, checked against the credential's masked number")]
    public string NumberFlag { get; set; } = "";

    [Description("Check validity on this date (yyyy-MM-dd); default today")]
    public string OnFlag { get; set; } = "";
}

[Description("Verify a certificate's QR credential with no network: signature, dates and (given a status list) revocation and suspension; exit 1 unless valid", Name = "verify-credential")]
public sealed class VerifyCredentialCommand : JasperFxAsyncCommand<VerifyCredentialInput>
{
    public override async Task<bool> Execute(VerifyCredentialInput input)
    {
        if (input.Credential.Length == 0) return AuditFiles.Fail("verify-credential", "请给出二维码中的凭证或链接", "the QR code's credential or URL is required");
        LedgerPublicKeys? keys;
        if (input.KeysFlag.Length > 0) keys = AuditFiles.ReadKeys("verify-credential", input.KeysFlag);
        else
        {
            using var host = input.BuildHost();
            keys = host.Services.GetRequiredService<LedgerSigner>().PublicKeys;
        }
        if (keys is null) return false;
        var on = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        if (input.OnFlag.Length > 0 && !DateOnly.TryParseExact(input.OnFlag, "yyyy-MM-dd", out on))
            return AuditFiles.Fail("verify-credential", "--on 应为 yyyy-MM-dd 日期", "--on must be a date written yyyy-MM-dd");
        string? list = null;
        if (input.StatusListFlag.Length > 0)
        {
            if (!File.Exists(input.StatusListFlag)) return AuditFiles.Fail("verify-credential", $"找不到状态列表文件 {input.StatusListFlag}", $"no status list file at {input.StatusListFlag}");
            list = await File.ReadAllTextAsync(input.StatusListFlag);
        }
        var credential = File.Exists(input.Credential) ? await File.ReadAllTextAsync(input.Credential) : input.Credential;
        var check = CertificateCredential.Verify(credential, keys, on, list, typedNumber: input.NumberFlag.Length > 0 ? input.NumberFlag : null);
        Console.WriteLine(check);
        return check.Valid;
    }
}

public sealed class ReplayInput : NetCoreInput
{
    [Description("Rebuild only this projection (its name, e.g. CertificateRegisterEntry); default every async projection")]
    public string ProjectionFlag { get; set; } = "";

    [Description("Rebuild every projection, the inline snapshots (Person, Certificate, Claim...) too, as `projections rebuild` does")]
    public bool AllFlag { get; set; }

    [Description("Rebuild every projection through Marten's daemon, one at a time, instead of the single-stream ones in one pass over the log")]
    public bool DaemonFlag { get; set; }

    [Description("Seconds to allow each rebuild")]
    public int TimeoutFlag { get; set; } = 600;
}

[Description("Rebuild projections from the event store: the single-stream ones in one pass over the log, the rest through the projection daemon", Name = "replay")]
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
        if (!input.DaemonFlag)
        {
            var onePass = names.Where(n => OnePassRebuild.Handles(store.Options, n)).ToArray();
            if (onePass.Length > 0) Console.Error.WriteLine($"replay: rebuilding {string.Join(", ", onePass)} in one pass over the log");
            var started = System.Diagnostics.Stopwatch.StartNew();
            var rebuilt = await OnePassRebuild.RunAsync(store, onePass, CancellationToken.None);
            foreach (var (name, documents) in rebuilt) Console.WriteLine($"rebuilt {name} in one pass: {documents:N0} documents");
            if (rebuilt.Count > 0) Console.WriteLine($"one pass over the log in {started.Elapsed.TotalSeconds:0.00} s");
            names = names.Where(n => !rebuilt.Any(r => r.Name == n)).ToArray();
        }
        using var daemon = await store.BuildProjectionDaemonAsync();
        var schema = ((DocumentStore)store).Options.Events.DatabaseSchemaName;
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i];
            Console.Error.WriteLine($"replay: rebuilding {name} ({i + 1} of {names.Length})");
            var started = System.Diagnostics.Stopwatch.StartNew();
            using var done = new CancellationTokenSource();
            var progress = ReportProgressAsync(store, schema, name, started, done.Token);
            try
            {
                await daemon.RebuildProjectionAsync(name, TimeSpan.FromSeconds(input.TimeoutFlag), CancellationToken.None);
            }
            finally
            {
                await done.CancelAsync();
                await progress;
            }
            Console.WriteLine($"rebuilt {name} in {started.Elapsed.TotalSeconds:0.00} s");
        }
        return true;
    }

    /// <summary>
    /// Every 5 s while a rebuild runs, how far its shards have read the log (mt_event_progression against the last
    /// sequence), on stderr: a rebuild of a province takes minutes and said nothing until it ended.
    /// </summary>
    private static async Task ReportProgressAsync(IDocumentStore store, string schema, string name, System.Diagnostics.Stopwatch started, CancellationToken done)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), done);
                await using var connection = store.Storage.Database.CreateConnection();
                await connection.OpenAsync(done);
                await using var command = new Npgsql.NpgsqlCommand(
                    $"select coalesce(min(last_seq_id), 0), (select coalesce(max(seq_id), 0) from {schema}.mt_events) from {schema}.mt_event_progression where name like $1",
                    connection);
                command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = name + ":%" });
                await using var reader = await command.ExecuteReaderAsync(done);
                if (!await reader.ReadAsync(done)) continue;
                var (at, last) = (reader.GetInt64(0), reader.GetInt64(1));
                Console.Error.WriteLine($"replay: {name} at event {at:N0} of {last:N0} ({(last == 0 ? 100 : 100.0 * at / last):0}%), {started.Elapsed.TotalSeconds:0} s");
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Npgsql.NpgsqlException)
        {
            // Progress is a courtesy: a failed poll must not fail the rebuild it describes.
        }
    }
}

public static class AuditFiles
{
    public static async Task<LedgerDigest?> ReadDigestAsync(string path)
    {
        if (path.Length == 0 || !File.Exists(path)) return null;
        await using var file = File.OpenRead(path);
        try
        {
            var digest = await JsonSerializer.DeserializeAsync<LedgerDigest>(file, LedgerAudit.ExportJson);
            return digest?.MerkleRoot is null ? null : digest;
        }
        catch (JsonException)
        {
            return null;
        }
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

    /// <summary>Chinese first, as officials read it, then English.</summary>
    public static bool Fail(string verb, string chinese, string english)
    {
        Console.Error.WriteLine($"{verb}: {chinese}");
        Console.Error.WriteLine($"{verb}: {english}");
        return false;
    }

    public static LedgerPublicKeys? ReadKeys(string verb, string path)
    {
        if (!File.Exists(path))
        {
            Fail(verb, $"找不到公钥文件 {path}", $"no key set file at {path}");
            return null;
        }
        try
        {
            return LedgerPublicKeys.FromJwks(File.ReadAllText(path));
        }
        catch (FormatException e)
        {
            Fail(verb, $"公钥文件 {path} 无法读取", e.Message);
            return null;
        }
    }
}
