using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace Ledger.Projections.Audit;

/// <summary>
/// Which events an export carries: some streams (each from its first event), a sequence range, a recorded-time period
/// [From, Until) (exported as the sequence range from its first to its last event, so it is a contiguous stretch of the
/// log whose completeness can be proven), or everything the digest seals.
/// </summary>
public sealed record ExportSelection(Guid[]? StreamIds = null, DateTimeOffset? From = null, DateTimeOffset? Until = null, long? FromSequence = null,
    long? ToSequence = null);

/// <summary>One leaf of the digest's tree shown without its content: where a range export starts and ends.</summary>
public sealed record BoundaryProof(long Sequence, int LeafIndex, string EventDigest, IReadOnlyList<ProofStep> Proof);

/// <summary>Where a stream stood at the digest, as the notary chained it: the last line of that stream in the export must reach it.</summary>
public sealed record StreamHead(Guid StreamId, long Version, long Sequence, string StreamChain);

public sealed partial class LedgerAudit
{
    public const string ExportFormat = "ledger-export-v2";

    /// <summary>
    /// Writes NDJSON that proves its own completeness. A header line, signed with the ledger's key, holds the signed
    /// digest, the selection, every exported sequence number (as ranges), and, for streams, where each stream stood at
    /// the digest; for a range, the boundary proofs of the leaves just before its first and just after its last event.
    /// Then one line per event: canonical content, digest, leaf index, Merkle path and the stream chain after it.
    /// </summary>
    public async Task<int> ExportAsync(LedgerDigest digest, ExportSelection selection, Stream output, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var entries = await NotaryRows.ReadAsync(connection, Schema, digest.LastSequence, null, ct);
        var leaves = entries.Select(e => AuditHash.FromHex(e.EventDigest)).ToList();
        // The header is signed with the ledger's key, so the ledger signs only a digest of its own notarised log.
        if (digest.Signature is not null && !DigestSignature.Verify(digest, signer.PublicKeys))
            throw new InvalidOperationException("the digest's signature was not made by this ledger's keys");
        if (leaves.Count == 0 || entries[^1].Sequence != digest.LastSequence || leaves.Count != digest.EventCount
            || AuditHash.Hex(MerkleTree.Root(leaves)) != digest.MerkleRoot)
            throw new InvalidOperationException($"the digest at sequence {digest.LastSequence} does not match the notarised ledger: verify it before exporting against it");
        if (digest.Signature is null) digest = DigestSignature.Sign(digest, signer);
        var index = new Dictionary<long, int>();
        for (var i = 0; i < entries.Count; i++) index[entries[i].Sequence] = i;

        var header = new JsonObject { ["kind"] = "header", ["format"] = ExportFormat, ["digest"] = JsonSerializer.SerializeToNode(digest, ExportJson) };
        List<StoredEvent> events;
        if (selection.StreamIds is { Length: > 0 } ids)
        {
            await using (var command = EventRows.Streams(connection, Schema, ids, digest.LastSequence)) events = await EventRows.ReadAsync(command, ct);
            header["selection"] = new JsonObject { ["kind"] = "streams", ["streams"] = new JsonArray(ids.Select(i => (JsonNode)i.ToString("D")).ToArray()) };
            var heads = entries.Where(e => ids.Contains(e.StreamId)).GroupBy(e => e.StreamId)
                .Select(g => g.MaxBy(e => e.Sequence)!).Select(e => new StreamHead(e.StreamId, e.Version, e.Sequence, e.StreamChain));
            header["streamHeads"] = JsonSerializer.SerializeToNode(heads.ToList(), ExportJson);
        }
        else
        {
            var (first, last) = (selection.FromSequence ?? 1, Math.Min(selection.ToSequence ?? digest.LastSequence, digest.LastSequence));
            if (selection is { From: { } from, Until: { } until })
                (first, last) = await EventRows.PeriodBoundsAsync(connection, Schema, from, until, digest.LastSequence, ct) ?? (1, 0);
            await using (var command = EventRows.Range(connection, Schema, first - 1, last)) events = await EventRows.ReadAsync(command, ct);
            header["selection"] = new JsonObject
            {
                ["kind"] = "range", ["fromSequence"] = first, ["toSequence"] = last,
                ["from"] = selection.From?.ToString("O"), ["until"] = selection.Until?.ToString("O"),
            };
            var inRange = entries.Where(e => e.Sequence >= first && e.Sequence <= last).ToList();
            if (inRange.Count > 0)
            {
                var (lo, hi) = (index[inRange[0].Sequence], index[inRange[^1].Sequence]);
                header["before"] = lo > 0 ? JsonSerializer.SerializeToNode(Boundary(entries, leaves, lo - 1), ExportJson) : null;
                header["after"] = hi + 1 < entries.Count ? JsonSerializer.SerializeToNode(Boundary(entries, leaves, hi + 1), ExportJson) : null;
            }
        }
        var chains = entries.ToDictionary(e => e.Sequence, e => e.StreamChain);
        var exported = events.Where(e => index.ContainsKey(e.Sequence)).ToList();
        header["sequences"] = JsonSerializer.SerializeToNode(Ranges(exported.Select(e => e.Sequence)), ExportJson);
        header["keyId"] = signer.CurrentKeyId;
        header["signature"] = Base64Url.Encode(signer.Sign(HeaderSigningBytes(header)));

        var written = 0;
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        await writer.WriteLineAsync(header.ToJsonString(ExportJson));
        foreach (var e in exported)
        {
            var leaf = index[e.Sequence];
            var content = e.CanonicalContent();
            var line = new StringBuilder()
                .Append("{\"kind\":\"event\",\"sequence\":").Append(e.Sequence)
                .Append(",\"leafIndex\":").Append(leaf)
                .Append(",\"eventDigest\":\"").Append(AuditHash.Hex(AuditHash.EventDigest(content))).Append('"')
                .Append(",\"streamChain\":\"").Append(chains[e.Sequence]).Append('"')
                .Append(",\"proof\":").Append(JsonSerializer.Serialize(MerkleTree.Proof(leaves, leaf), ExportJson))
                .Append(",\"content\":").Append(content).Append('}');
            await writer.WriteLineAsync(line.ToString());
            written++;
        }
        return written;
    }

    private static BoundaryProof Boundary(List<NotaryEntry> entries, List<byte[]> leaves, int leaf) =>
        new(entries[leaf].Sequence, leaf, entries[leaf].EventDigest, MerkleTree.Proof(leaves, leaf));

    private static List<long[]> Ranges(IEnumerable<long> sequences)
    {
        var ranges = new List<long[]>();
        foreach (var s in sequences)
        {
            if (ranges.Count > 0 && ranges[^1][1] == s - 1) ranges[^1][1] = s;
            else ranges.Add([s, s]);
        }
        return ranges;
    }

    /// <summary>The header as signed: its canonical JSON without the signature itself.</summary>
    private static byte[] HeaderSigningBytes(JsonNode header)
    {
        var copy = JsonNode.Parse(header.ToJsonString())!.AsObject();
        copy.Remove("signature");
        return Encoding.UTF8.GetBytes("ledger-export-header-v1\n" + CanonicalJson.Canonicalise(copy.ToJsonString()));
    }

    public static readonly JsonSerializerOptions ExportJson = new(JsonSerializerDefaults.Web);

    private sealed record ExportLine(int LineNo, long Sequence, int LeafIndex, Guid StreamId, long Version, byte[] Digest, string? StreamChain);

    /// <summary>
    /// Checks an export with no database. Each line's content must hash to its digest and its Merkle path must reach
    /// the digest's root from the leaf index it states; lines must come in sequence order; each stream's lines must
    /// follow one another version by version and chain to the stream's head; every sequence the signed header lists
    /// must have its line; a range must be a contiguous run of leaves between its two boundary proofs. With
    /// <paramref name="keys"/> (the ledger's published keys) the header's and the digest's signatures are checked too,
    /// without which a rewritten header could hide a removed line from a stream export.
    /// </summary>
    public static VerificationReport VerifyOffline(TextReader export, LedgerPublicKeys? keys = null)
    {
        var findings = new List<AuditFinding>();
        var notes = new List<string>();
        JsonObject? header = null;
        LedgerDigest? digest = null;
        var lines = new List<ExportLine>();
        var lineNo = 0;
        while (export.ReadLine() is { } text)
        {
            lineNo++;
            if (text.Length == 0) continue;
            try
            {
                var node = JsonNode.Parse(text)!.AsObject();
                var kind = node["kind"]!.GetValue<string>();
                if (kind is "header" or "digest")
                {
                    if (digest is not null) { findings.Add(new(null, "unreadable", $"line {lineNo} is a second header")); break; }
                    header = kind == "header" ? node : null;
                    digest = node["digest"].Deserialize<LedgerDigest>(ExportJson) ?? throw new JsonException("the header has no digest");
                    if (kind == "digest") notes.Add("旧格式导出（v1）：无法证明完整性 / a v1 export: it cannot prove that no line is missing");
                    continue;
                }
                if (digest is null)
                {
                    findings.Add(new(null, "unreadable", $"line {lineNo} comes before the header"));
                    break;
                }
                var sequence = node["sequence"]!.GetValue<long>();
                var content = node["content"]!;
                using var contentDocument = JsonDocument.Parse(content.ToJsonString());
                var computed = AuditHash.EventDigest(CanonicalJson.Write(contentDocument.RootElement));
                var leafIndex = node["leafIndex"]!.GetValue<int>();
                var proof = node["proof"].Deserialize<List<ProofStep>>(ExportJson) ?? [];
                if (AuditHash.Hex(computed) != node["eventDigest"]?.GetValue<string>())
                    findings.Add(new(sequence, "changed", $"line {lineNo}: the content does not hash to the event digest on the line"));
                else if (!MerkleTree.VerifyInclusion(leafIndex, digest.EventCount, computed, proof, AuditHash.FromHex(digest.MerkleRoot)))
                    findings.Add(new(sequence, "changed", $"line {lineNo}: the event's Merkle path does not lead from leaf {leafIndex} to the digest's root"));
                lines.Add(new ExportLine(lineNo, sequence, leafIndex, Guid.Parse(content["streamId"]!.GetValue<string>()), content["version"]!.GetValue<long>(),
                    computed, node["streamChain"]?.GetValue<string>()));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or NullReferenceException)
            {
                findings.Add(new(null, "unreadable", $"line {lineNo}: {ex.Message}"));
            }
        }
        if (digest is null)
        {
            if (findings.Count == 0) findings.Add(new(null, "unreadable", "the export has no header"));
            return Report(findings, lines.Count, 0, notes);
        }
        if (keys is null)
            notes.Add("未用账本公钥核验签名（请加 --keys）/ signatures not checked: pass the ledger's published keys (--keys)");
        else
        {
            if (!DigestSignature.Verify(digest, keys))
                findings.Add(new(null, "signature-invalid", "the export's digest is not signed by any of the ledger's published keys"));
            if (header is not null && !HeaderSignatureHolds(header, keys))
                findings.Add(new(null, "signature-invalid", "the export's header is not signed by any of the ledger's published keys: its list of events or stream heads was altered"));
        }

        CheckOrder(lines, findings);
        if (header is not null) CheckCompleteness(header, digest, lines, findings);
        return Report(findings, lines.Count, 0, notes);
    }

    private static bool HeaderSignatureHolds(JsonObject header, LedgerPublicKeys keys)
    {
        try
        {
            return keys.Verify(header["keyId"]?.GetValue<string>(), HeaderSigningBytes(header), Base64Url.Decode(header["signature"]?.GetValue<string>() ?? ""));
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Lines in sequence order, and each stream's lines version after version, each chaining on the one before.</summary>
    private static void CheckOrder(List<ExportLine> lines, List<AuditFinding> findings)
    {
        var streams = new Dictionary<Guid, ExportLine>();
        ExportLine? previous = null;
        foreach (var line in lines)
        {
            if (previous is not null && (line.Sequence <= previous.Sequence || line.LeafIndex <= previous.LeafIndex))
                findings.Add(new(line.Sequence, "reordered", $"line {line.LineNo} (sequence {line.Sequence}) comes after line {previous.LineNo} (sequence {previous.Sequence})"));
            previous = line;
            if (streams.TryGetValue(line.StreamId, out var before))
            {
                if (line.Version <= before.Version)
                    findings.Add(new(line.Sequence, "reordered", $"line {line.LineNo}: stream {line.StreamId} version {line.Version} comes after its version {before.Version}"));
                else if (line.Version > before.Version + 1)
                    findings.Add(new(line.Sequence, "missing", $"line {line.LineNo}: stream {line.StreamId} jumps from version {before.Version} (sequence {before.Sequence}) to {line.Version}: the line between is missing"));
                else if (before.StreamChain is { } chain && line.StreamChain is not null
                         && AuditHash.Hex(AuditHash.StreamLink(AuditHash.FromHex(chain), line.Digest)) != line.StreamChain)
                    findings.Add(new(line.Sequence, "changed", $"line {line.LineNo}: the stream chain does not follow from stream {line.StreamId}'s previous line"));
            }
            streams[line.StreamId] = line;
        }
    }

    /// <summary>What the signed header promises: these sequences, these stream heads, or a contiguous run of leaves between two boundaries.</summary>
    private static void CheckCompleteness(JsonObject header, LedgerDigest digest, List<ExportLine> lines, List<AuditFinding> findings)
    {
        var present = lines.Select(l => l.Sequence).ToHashSet();
        var listed = new HashSet<long>();
        foreach (var range in header["sequences"]?.Deserialize<List<long[]>>(ExportJson) ?? [])
            for (var s = range[0]; s <= range[1]; s++)
            {
                listed.Add(s);
                if (!present.Contains(s))
                    findings.Add(new(s, "missing", $"the export's header lists the event at sequence {s}, but no line carries it: a line was removed"));
            }
        foreach (var line in lines.Where(l => !listed.Contains(l.Sequence)))
            findings.Add(new(line.Sequence, "inserted", $"line {line.LineNo} (sequence {line.Sequence}) is not among the events the header lists"));

        var selection = header["selection"]?["kind"]?.GetValue<string>();
        if (selection == "streams")
        {
            var byStream = lines.GroupBy(l => l.StreamId).ToDictionary(g => g.Key, g => g.OrderBy(l => l.Sequence).ToList());
            foreach (var head in header["streamHeads"]?.Deserialize<List<StreamHead>>(ExportJson) ?? [])
            {
                if (!byStream.TryGetValue(head.StreamId, out var own) || own.Count == 0)
                {
                    findings.Add(new(head.Sequence, "missing", $"stream {head.StreamId} has no line, though it stands at version {head.Version} (sequence {head.Sequence})"));
                    continue;
                }
                if (own[0].Version != 1)
                    findings.Add(new(own[0].Sequence, "missing", $"stream {head.StreamId} starts at version {own[0].Version}: its earlier lines are missing"));
                else
                {
                    var chain = AuditHash.Genesis;
                    foreach (var l in own) chain = AuditHash.StreamLink(chain, l.Digest);
                    if (own[^1].Version == head.Version && AuditHash.Hex(chain) != head.StreamChain)
                        findings.Add(new(own[^1].Sequence, "changed", $"stream {head.StreamId}'s lines do not chain to its head at version {head.Version}"));
                }
                if (own[^1].Version < head.Version)
                    findings.Add(new(head.Sequence, "missing", $"stream {head.StreamId} ends at version {own[^1].Version} in the export but at version {head.Version} (sequence {head.Sequence}) in the ledger: its last lines are missing"));
            }
        }
        else if (selection == "range" && lines.Count > 0)
        {
            var ordered = lines.OrderBy(l => l.LeafIndex).ToList();
            for (var i = 1; i < ordered.Count; i++)
                if (ordered[i].LeafIndex > ordered[i - 1].LeafIndex + 1)
                    findings.Add(new(ordered[i - 1].Sequence + 1, "missing",
                        $"leaves {ordered[i - 1].LeafIndex + 1}–{ordered[i].LeafIndex - 1} (after sequence {ordered[i - 1].Sequence}, before {ordered[i].Sequence}) have no line: the range is incomplete"));
            var root = AuditHash.FromHex(digest.MerkleRoot);
            CheckBoundary(header["before"], ordered[0].LeafIndex - 1, ordered[0].Sequence, before: true, digest, root, findings);
            CheckBoundary(header["after"], ordered[^1].LeafIndex + 1, ordered[^1].Sequence, before: false, digest, root, findings);
        }
    }

    private static void CheckBoundary(JsonNode? node, long expectedLeaf, long edgeSequence, bool before, LedgerDigest digest, byte[] root, List<AuditFinding> findings)
    {
        var side = before ? "before the first line" : "after the last line";
        var boundary = node?.Deserialize<BoundaryProof>(ExportJson);
        // Lines lost at an edge lie between the boundary and the first or last line left: name the earliest they can be.
        var earliest = before ? (boundary?.Sequence ?? 0) + 1 : edgeSequence + 1;
        if (boundary is null)
        {
            // No boundary is right only at the very start or end of the digest's tree.
            if (expectedLeaf >= 0 && expectedLeaf < digest.EventCount)
                findings.Add(new(earliest, "missing", $"the export gives no boundary proof {side}, yet the digest's tree has leaf {expectedLeaf} there: lines at the edge of the range were removed"));
            return;
        }
        if (boundary.LeafIndex != expectedLeaf
            || (before ? boundary.Sequence >= edgeSequence : boundary.Sequence <= edgeSequence)
            || !MerkleTree.VerifyInclusion(boundary.LeafIndex, digest.EventCount, AuditHash.FromHex(boundary.EventDigest), boundary.Proof, root))
            findings.Add(new(earliest, "missing", $"the boundary proof {side} is for leaf {boundary.LeafIndex} (sequence {boundary.Sequence}), not the leaf next to the range's edge ({expectedLeaf}): lines at the edge were removed"));
    }
}
