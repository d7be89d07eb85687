using System.Text;
using System.Text.Json;
using Marten;
using Npgsql;

namespace Ledger.Projections.Audit;

/// <summary>
/// Digests, proofs, verification and export over the notary's work. The verb, the endpoint and the tests all
/// call this class, so an auditor's command runs the very code the tests tamper against.
/// </summary>
public sealed class LedgerAudit(IDocumentStore store)
{
    private const int MaxReportedProblems = 50;
    private string Schema => store.Options.Events.DatabaseSchemaName;

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>Seals everything notarised so far; null when nothing is. Saved digests are kept in mt_notary_digests too.</summary>
    public async Task<LedgerDigest?> CreateDigestAsync(DateTimeOffset now, bool save, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var entries = await NotaryRows.ReadAsync(connection, Schema, long.MaxValue, null, ct);
        if (entries.Count == 0) return null;
        var digest = new LedgerDigest(entries[^1].Sequence, entries.Count, entries[^1].GlobalChain,
            AuditHash.Hex(MerkleTree.Root(entries.Select(e => AuditHash.FromHex(e.EventDigest)).ToList())), now, AuditHash.Algorithm);
        if (save)
        {
            await using var command = new NpgsqlCommand(
                $"insert into {Schema}.{AuditSchema.DigestTable} (last_sequence, event_count, global_chain_head, merkle_root, created_at) " +
                "values ($1, $2, $3, $4, $5) on conflict (last_sequence) do nothing", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = digest.LastSequence });
            command.Parameters.Add(new NpgsqlParameter { Value = digest.EventCount });
            command.Parameters.Add(new NpgsqlParameter { Value = digest.GlobalChainHead });
            command.Parameters.Add(new NpgsqlParameter { Value = digest.MerkleRoot });
            command.Parameters.Add(new NpgsqlParameter { Value = digest.CreatedAt });
            await command.ExecuteNonQueryAsync(ct);
        }
        return digest;
    }

    /// <summary>The proof that the event at <paramref name="sequence"/> is a leaf of the digest sealed at <paramref name="digestSequence"/>.</summary>
    public async Task<InclusionProof?> ProofAsync(long sequence, long digestSequence, CancellationToken ct)
    {
        if (sequence > digestSequence) return null;
        await using var connection = await OpenAsync(ct);
        var entries = await NotaryRows.ReadAsync(connection, Schema, digestSequence, null, ct);
        if (entries.Count == 0 || entries[^1].Sequence != digestSequence) return null;
        var index = entries.FindIndex(e => e.Sequence == sequence);
        if (index < 0) return null;
        var leaves = entries.Select(e => AuditHash.FromHex(e.EventDigest)).ToList();
        var entry = entries[index];
        return new InclusionProof(sequence, entry.StreamId, entry.Version, entry.EventDigest, index, digestSequence,
            AuditHash.Hex(MerkleTree.Root(leaves)), MerkleTree.Proof(leaves, index));
    }

    /// <summary>
    /// Recomputes every event digest from mt_events and compares it with what the notary recorded, re-derives both
    /// chains, and checks the Merkle root and chain head against a digest kept outside the database. The first
    /// problem by sequence is the one to investigate; later ones often follow from it.
    /// </summary>
    public async Task<VerificationReport> VerifyAsync(LedgerDigest digest, Guid? streamId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var notarised = await NotaryRows.ReadAsync(connection, Schema, long.MaxValue, null, ct);
        var ceiling = Math.Max(digest.LastSequence, notarised.Count == 0 ? 0 : notarised[^1].Sequence);
        List<StoredEvent> events;
        await using (var command = streamId is null
                         ? EventRows.Range(connection, Schema, 0, long.MaxValue)
                         : EventRows.Stream(connection, Schema, streamId.Value))
            events = await EventRows.ReadAsync(command, ct);
        var pending = events.Count(e => e.Sequence > ceiling);
        events = events.Where(e => e.Sequence <= ceiling).ToList();
        var scope = streamId is null ? notarised : notarised.Where(n => n.StreamId == streamId).ToList();

        var findings = new List<AuditFinding>();
        var bySequence = scope.ToDictionary(n => n.Sequence);
        var byDigest = new Dictionary<string, NotaryEntry>();
        foreach (var n in scope) byDigest.TryAdd(n.EventDigest, n);
        var present = new HashSet<long>();

        foreach (var e in events)
        {
            present.Add(e.Sequence);
            var recomputed = AuditHash.Hex(e.Digest());
            if (bySequence.TryGetValue(e.Sequence, out var n))
            {
                if (recomputed == n.EventDigest) continue;
                if (byDigest.TryGetValue(recomputed, out var moved) && moved.Sequence != e.Sequence)
                    findings.Add(new(e.Sequence, "reordered", $"sequence {e.Sequence} holds the event notarised at sequence {moved.Sequence} (stream {moved.StreamId} version {moved.Version})"));
                else if (n.StreamId != e.StreamId || n.Version != e.Version)
                    findings.Add(new(e.Sequence, "changed", $"sequence {e.Sequence} was notarised as stream {n.StreamId} version {n.Version} but now holds stream {e.StreamId} version {e.Version} ({e.Type})"));
                else
                    findings.Add(new(e.Sequence, "changed", $"stream {e.StreamId} version {e.Version} ({e.Type}) no longer matches its notarised digest: its data or metadata was altered"));
            }
            else if (byDigest.TryGetValue(recomputed, out var moved))
                findings.Add(new(e.Sequence, "reordered", $"sequence {e.Sequence} holds the event notarised at sequence {moved.Sequence} (stream {moved.StreamId} version {moved.Version})"));
            else
                findings.Add(new(e.Sequence, "inserted", $"stream {e.StreamId} version {e.Version} ({e.Type}) at sequence {e.Sequence} was never notarised, though later events were"));
        }
        foreach (var n in scope.Where(n => !present.Contains(n.Sequence)))
            findings.Add(new(n.Sequence, "missing", $"stream {n.StreamId} version {n.Version}, notarised at sequence {n.Sequence}, is no longer in mt_events (deleted)"));

        findings.AddRange(CheckChains(notarised, streamId));

        var sealedEntries = notarised.Where(n => n.Sequence <= digest.LastSequence).ToList();
        if (sealedEntries.Count == 0 || sealedEntries[^1].Sequence != digest.LastSequence)
            findings.Add(new(null, "digest-mismatch", $"the notary has no event at the digest's last sequence {digest.LastSequence}"));
        else
        {
            if (sealedEntries[^1].GlobalChain != digest.GlobalChainHead)
                findings.Add(new(null, "digest-mismatch", $"the global chain at sequence {digest.LastSequence} differs from the digest's head: events and notary were rewritten together"));
            var root = AuditHash.Hex(MerkleTree.Root(sealedEntries.Select(n => AuditHash.FromHex(n.EventDigest)).ToList()));
            if (root != digest.MerkleRoot)
                findings.Add(new(null, "digest-mismatch", $"the Merkle root over {sealedEntries.Count} notarised events differs from the digest's ({digest.EventCount} events)"));
        }

        var ordered = findings.OrderBy(f => f.Sequence ?? long.MaxValue).ToList();
        return new VerificationReport(ordered.Count == 0, events.Count, pending, ordered.FirstOrDefault(), ordered.Take(MaxReportedProblems).ToList());
    }

    /// <summary>Re-derives both chains from the recorded digests, so an edit to the notary table itself shows at its row.</summary>
    private static IEnumerable<AuditFinding> CheckChains(List<NotaryEntry> notarised, Guid? streamId)
    {
        var global = AuditHash.Genesis;
        var heads = new Dictionary<Guid, byte[]>();
        foreach (var n in notarised)
        {
            var digest = AuditHash.FromHex(n.EventDigest);
            global = AuditHash.GlobalLink(global, n.Sequence, digest);
            var stream = AuditHash.StreamLink(heads.GetValueOrDefault(n.StreamId, AuditHash.Genesis), digest);
            heads[n.StreamId] = stream;
            if (streamId is not null && n.StreamId != streamId) continue;
            if (streamId is null && AuditHash.Hex(global) != n.GlobalChain)
                yield return new(n.Sequence, "notary-altered", $"the global chain recorded at sequence {n.Sequence} does not follow from the digests before it");
            if (AuditHash.Hex(stream) != n.StreamChain)
                yield return new(n.Sequence, "notary-altered", $"the stream chain of stream {n.StreamId} recorded at version {n.Version} does not follow from its earlier events");
        }
    }

    /// <summary>
    /// Writes NDJSON: a header line with the digest, then one line per selected event sealed by it, carrying the
    /// event's canonical content, its digest and its Merkle path, so the file verifies with no database.
    /// </summary>
    public async Task<int> ExportAsync(LedgerDigest digest, ExportSelection selection, Stream output, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var entries = await NotaryRows.ReadAsync(connection, Schema, digest.LastSequence, null, ct);
        var leaves = entries.Select(e => AuditHash.FromHex(e.EventDigest)).ToList();
        var index = new Dictionary<long, int>();
        for (var i = 0; i < entries.Count; i++) index[entries[i].Sequence] = i;

        List<StoredEvent> events;
        await using (var command = selection switch
                     {
                         { StreamIds: { Length: > 0 } ids } => EventRows.Streams(connection, Schema, ids, digest.LastSequence),
                         { From: { } from, Until: { } until } => EventRows.Period(connection, Schema, from, until, digest.LastSequence),
                         _ => EventRows.Range(connection, Schema, 0, digest.LastSequence),
                     })
            events = await EventRows.ReadAsync(command, ct);

        var written = 0;
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        await writer.WriteLineAsync(JsonSerializer.Serialize(new { kind = "digest", digest }, ExportJson));
        foreach (var e in events)
        {
            if (!index.TryGetValue(e.Sequence, out var leaf)) continue;
            var content = e.CanonicalContent();
            var line = new StringBuilder()
                .Append("{\"kind\":\"event\",\"sequence\":").Append(e.Sequence)
                .Append(",\"leafIndex\":").Append(leaf)
                .Append(",\"eventDigest\":\"").Append(AuditHash.Hex(AuditHash.EventDigest(content))).Append('"')
                .Append(",\"proof\":").Append(JsonSerializer.Serialize(MerkleTree.Proof(leaves, leaf), ExportJson))
                .Append(",\"content\":").Append(content).Append('}');
            await writer.WriteLineAsync(line.ToString());
            written++;
        }
        return written;
    }

    public static readonly JsonSerializerOptions ExportJson = new(JsonSerializerDefaults.Web);

    /// <summary>Checks an export with no database: each line's content must hash to its digest, and its path must reach the header's root.</summary>
    public static VerificationReport VerifyOffline(TextReader export)
    {
        var findings = new List<AuditFinding>();
        LedgerDigest? digest = null;
        var checkedLines = 0L;
        var lineNo = 0;
        while (export.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Length == 0) continue;
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                var kind = root.GetProperty("kind").GetString();
                if (kind == "digest")
                {
                    digest = root.GetProperty("digest").Deserialize<LedgerDigest>(ExportJson);
                    continue;
                }
                if (digest is null)
                {
                    findings.Add(new(null, "unreadable", $"line {lineNo} comes before the digest header"));
                    break;
                }
                checkedLines++;
                var sequence = root.GetProperty("sequence").GetInt64();
                var computed = AuditHash.EventDigest(CanonicalJson.Write(root.GetProperty("content")));
                var stated = root.GetProperty("eventDigest").GetString();
                var proof = root.GetProperty("proof").Deserialize<List<ProofStep>>(ExportJson) ?? [];
                if (AuditHash.Hex(computed) != stated)
                    findings.Add(new(sequence, "changed", $"line {lineNo}: the content does not hash to the event digest on the line"));
                else if (AuditHash.Hex(MerkleTree.RootFromProof(computed, proof)) != digest.MerkleRoot)
                    findings.Add(new(sequence, "changed", $"line {lineNo}: the event's Merkle path does not reach the digest's root"));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                findings.Add(new(null, "unreadable", $"line {lineNo}: {ex.Message}"));
            }
        }
        if (digest is null && findings.Count == 0) findings.Add(new(null, "unreadable", "the export has no digest header"));
        var ordered = findings.OrderBy(f => f.Sequence ?? long.MaxValue).ToList();
        return new VerificationReport(ordered.Count == 0, checkedLines, 0, ordered.FirstOrDefault(), ordered);
    }
}

/// <summary>Which events an export carries: some streams, a recorded-time period [From, Until), or everything sealed.</summary>
public sealed record ExportSelection(Guid[]? StreamIds = null, DateTimeOffset? From = null, DateTimeOffset? Until = null);
