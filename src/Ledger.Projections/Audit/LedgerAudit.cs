using Marten;
using Npgsql;

namespace Ledger.Projections.Audit;

/// <summary>
/// Digests, proofs, verification and export over the notary's work and the events' seals. The verbs, the endpoints
/// and the tests all call this class, so an auditor's command runs the very code the tests tamper against.
/// </summary>
public sealed partial class LedgerAudit(IDocumentStore store, EventSealer sealer, LedgerSigner signer)
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
        // Streamed into the tree's frontier: a province's notary is millions of rows.
        var frontier = new MerkleFrontier();
        long lastSequence = 0;
        string? lastChain = null;
        await NotaryRows.ForEachLeafAsync(connection, Schema, 0, long.MaxValue, int.MaxValue, (sequence, digest, chain) =>
        {
            frontier.Append(AuditHash.FromHex(digest));
            (lastSequence, lastChain) = (sequence, chain);
        }, ct);
        if (frontier.Count == 0) return null;
        var digest = new LedgerDigest(lastSequence, frontier.Count, lastChain!, AuditHash.Hex(frontier.Root()), now, AuditHash.Algorithm);
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

    /// <summary>
    /// The proof that the event at <paramref name="sequence"/> is a leaf of the digest sealed at <paramref name="digestSequence"/>.
    /// One pass over the notary's leaves, each hashed into the proof range it falls in and into the root, none kept: an
    /// auditor's proof request on a province-sized ledger costs a scan, not the ledger in memory.
    /// </summary>
    public async Task<InclusionProof?> ProofAsync(long sequence, long digestSequence, CancellationToken ct)
    {
        if (sequence > digestSequence) return null;
        await using var connection = await OpenAsync(ct);
        var entry = (await NotaryRows.ReadAsync(connection, Schema, sequence - 1, sequence, null, ct)).SingleOrDefault();
        if (entry is null) return null;
        long index, size, last;
        await using (var count = new NpgsqlCommand(
                         $"select count(*) filter (where seq_id < $1), count(*), coalesce(max(seq_id), 0) from {Schema}.{AuditSchema.NotaryTable} where seq_id <= $2", connection))
        {
            count.Parameters.Add(new NpgsqlParameter { Value = sequence });
            count.Parameters.Add(new NpgsqlParameter { Value = digestSequence });
            await using var reader = await count.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            (index, size, last) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }
        if (size == 0 || last != digestSequence) return null;

        var ranges = MerkleTree.ProofRanges(index, size);
        var byStart = ranges.Select((r, i) => (r.Start, r.End, Step: i)).OrderBy(r => r.Start).ToList();
        var hashes = new byte[ranges.Count][];
        var root = new MerkleFrontier();
        MerkleFrontier? current = null;
        var next = 0;
        long position = 0;
        await NotaryRows.ForEachLeafAsync(connection, Schema, 0, digestSequence, int.MaxValue, (_, hex, _) =>
        {
            var digest = AuditHash.FromHex(hex);
            root.Append(digest);
            if (next < byStart.Count && position >= byStart[next].Start)
            {
                current ??= new MerkleFrontier();
                current.Append(digest);
                if (position == byStart[next].End - 1)
                {
                    hashes[byStart[next].Step] = current.Root();
                    current = null;
                    next++;
                }
            }
            position++;
        }, ct);
        if (position != size) return null;
        var steps = ranges.Select((r, i) => new ProofStep(AuditHash.Hex(hashes[i]), r.Side)).ToList();
        return new InclusionProof(sequence, entry.StreamId, entry.Version, entry.EventDigest, (int)index, digestSequence, AuditHash.Hex(root.Root()), steps);
    }

    /// <summary>
    /// Recomputes every event digest from mt_events and compares it with what the notary recorded, checks every event's
    /// seal (after the last digest too: a forgery appended at the tail is named, not counted as "not yet notarised"),
    /// re-derives both chains, and checks the Merkle root and chain head against a digest kept outside the database.
    /// The first problem by sequence is the one to investigate; later ones often follow from it.
    /// </summary>
    public async Task<VerificationReport> VerifyAsync(LedgerDigest digest, Guid? streamId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var inspection = await InspectAsync(connection, digest, streamId, ct);
        return Report(inspection.Findings, inspection.Checked, inspection.Pending, inspection.Notes);
    }

    private static VerificationReport Report(List<AuditFinding> findings, long checkedCount, long pending, List<string>? notes = null)
    {
        var ordered = findings.OrderBy(f => f.Sequence ?? long.MaxValue).ToList();
        return new VerificationReport(ordered.Count == 0, checkedCount, pending, ordered.FirstOrDefault(), ordered.Take(MaxReportedProblems).ToList(),
            notes is { Count: > 0 } ? notes : null);
    }

    private sealed record Inspection(List<AuditFinding> Findings, List<StoredEvent> Events, HashSet<long> BadSeals, long Checked, long Pending, List<string> Notes);

    private async Task<Inspection> InspectAsync(NpgsqlConnection connection, LedgerDigest digest, Guid? streamId, CancellationToken ct)
    {
        var notarised = await NotaryRows.ReadAsync(connection, Schema, long.MaxValue, null, ct);
        var ceiling = Math.Max(digest.LastSequence, notarised.Count == 0 ? 0 : notarised[^1].Sequence);
        List<StoredEvent> events;
        await using (var command = streamId is null
                         ? EventRows.Range(connection, Schema, 0, long.MaxValue)
                         : EventRows.Stream(connection, Schema, streamId.Value))
            events = await EventRows.ReadAsync(command, ct);
        var scope = streamId is null ? notarised : notarised.Where(n => n.StreamId == streamId).ToList();

        var findings = new List<AuditFinding>();
        var notes = new List<string>();
        if (digest.Signature is not null && !DigestSignature.Verify(digest, signer.PublicKeys))
            findings.Add(new(null, "signature-invalid", $"the digest at sequence {digest.LastSequence} carries a signature (key {digest.KeyId}) that none of the ledger's keys made: it was altered or forged"));
        else if (digest.Signature is null)
            notes.Add("摘要未签名：请确认它正是您自行保存的那份 / the digest is unsigned: make sure it is the very one you kept");

        var bySequence = scope.ToDictionary(n => n.Sequence);
        var byDigest = new Dictionary<string, NotaryEntry>();
        foreach (var n in scope) byDigest.TryAdd(n.EventDigest, n);
        var present = new HashSet<long>();
        var badSeals = new HashSet<long>();
        long pending = 0, checkedCount = 0;

        foreach (var e in events)
        {
            present.Add(e.Sequence);
            var seal = SealFinding(e);
            if (seal is { Kind: "forged" }) badSeals.Add(e.Sequence);
            if (e.Sequence > ceiling)
            {
                if (seal is not null) findings.Add(seal);
                else pending++;
                continue;
            }
            checkedCount++;
            var recomputed = AuditHash.Hex(e.Digest());
            AuditFinding? notary = null;
            if (bySequence.TryGetValue(e.Sequence, out var n))
            {
                if (recomputed == n.EventDigest) notary = null;
                else if (byDigest.TryGetValue(recomputed, out var moved) && moved.Sequence != e.Sequence)
                    notary = new(e.Sequence, "reordered", $"sequence {e.Sequence} holds the event notarised at sequence {moved.Sequence} (stream {moved.StreamId} version {moved.Version})");
                else if (n.StreamId != e.StreamId || n.Version != e.Version)
                    notary = new(e.Sequence, "changed", $"sequence {e.Sequence} was notarised as stream {n.StreamId} version {n.Version} but now holds stream {e.StreamId} version {e.Version} ({e.Type})");
                else
                    notary = new(e.Sequence, "changed", $"stream {e.StreamId} version {e.Version} ({e.Type}) no longer matches its notarised digest: its data or metadata was altered");
            }
            else if (byDigest.TryGetValue(recomputed, out var moved))
                notary = new(e.Sequence, "reordered", $"sequence {e.Sequence} holds the event notarised at sequence {moved.Sequence} (stream {moved.StreamId} version {moved.Version})");
            else if (seal is null)
                notary = new(e.Sequence, "inserted", $"stream {e.StreamId} version {e.Version} ({e.Type}) at sequence {e.Sequence} was never notarised, though later events were");
            // What happened to a notarised event says more than its broken seal; an event the notary never saw is best named by its seal.
            if ((notary ?? seal) is { } finding) findings.Add(finding);
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
        return new Inspection(findings, events, badSeals, checkedCount, pending, notes);
    }

    /// <summary>Null when the event's seal holds (or it is a Marten tombstone); otherwise what is wrong, naming the event.</summary>
    private AuditFinding? SealFinding(StoredEvent e)
    {
        var what = $"stream {e.StreamId} version {e.Version} ({e.Type}) at sequence {e.Sequence}";
        switch (sealer.Check(e))
        {
            case SealCheck.Valid or SealCheck.Placeholder:
                return null;
            case SealCheck.Missing:
                return new(e.Sequence, "forged", $"{what} carries no seal: the ledger did not write it (or its seal was deleted), and the notary refuses it");
            case SealCheck.UnknownKey:
                return new(e.Sequence, "forged", $"{what} is sealed under key {e.SealKeyId}, which this ledger does not hold");
            case SealCheck.Mismatch when e.Version > 1 && e.PredecessorSequence is null:
                // A seal covers the stream's previous event; with that one deleted, this (likely genuine) event cannot be checked.
                return new(e.Sequence, "missing", $"{what} has no version {e.Version - 1} before it: an earlier event of the stream was deleted, and this event's seal, which covers it, no longer holds");
            default:
                return new(e.Sequence, "forged", $"{what} has a seal that does not match its content, its sequence number or its stream's previous event");
        }
    }

    /// <summary>
    /// Verifies from the witness alone: every witnessed digest's signature, the consistency proof between each and the
    /// one before (the witness's own history is one growing log), then the database against the latest witnessed
    /// digest, and finally which witnessed digest the database first stops matching, which narrows a truncation or a
    /// rewrite to the events between two digests and names the first of them that is gone or no longer sealed.
    /// </summary>
    public async Task<VerificationReport> VerifyWitnessAsync(IDigestWitness witness, LedgerPublicKeys keys, CancellationToken ct)
    {
        var contents = await witness.ReadAllAsync(ct);
        var findings = contents.Unreadable.Select(u => new AuditFinding(null, "witness-invalid", $"the witness holds an unreadable entry: {u}")).ToList();
        var entries = contents.Entries;
        if (entries.Count == 0)
        {
            findings.Add(new(null, "unreadable", $"the witness at {witness.Description} holds no digest"));
            return Report(findings, 0, 0);
        }
        var signed = new List<WitnessEntry>();
        for (var i = 0; i < entries.Count; i++)
        {
            var d = entries[i].Digest;
            if (!DigestSignature.Verify(d, keys))
                findings.Add(new(d.LastSequence, "witness-invalid", $"the witnessed digest at sequence {d.LastSequence} is not signed by any of the ledger's keys (key {d.KeyId ?? "none"}): it was altered or planted"));
            else signed.Add(entries[i]);
            if (i == 0) continue;
            var before = entries[i - 1].Digest;
            if (entries[i].Previous is not { } p || p.LastSequence != before.LastSequence || p.EventCount != before.EventCount || p.MerkleRoot != before.MerkleRoot)
                findings.Add(new(d.LastSequence, "witness-inconsistent", $"the witnessed digest at sequence {d.LastSequence} does not name the witnessed digest before it (sequence {before.LastSequence}) as its predecessor"));
            else if (!ConsistencyHolds(before, d, entries[i].Consistency))
                findings.Add(new(d.LastSequence, "witness-inconsistent", $"the consistency proof from the digest at sequence {before.LastSequence} to the one at {d.LastSequence} fails: the later tree does not extend the earlier"));
        }

        // Only what the ledger signed is evidence of what the log held.
        if (signed.Count == 0) return Report(findings, 0, 0);
        var latest = signed[^1].Digest;
        await using var connection = await OpenAsync(ct);
        var inspection = await InspectAsync(connection, latest, null, ct);
        findings.AddRange(inspection.Findings);
        if (Localise(signed, inspection) is { } located) findings.Add(located);
        var notes = inspection.Notes;
        notes.Add($"见证：{signed.Count} 份已签名摘要，最新一份截至序号 {latest.LastSequence} / witness: {signed.Count} signed digests, the latest at sequence {latest.LastSequence}");
        return Report(findings, inspection.Checked, inspection.Pending, notes);
    }

    private static bool ConsistencyHolds(LedgerDigest before, LedgerDigest after, IReadOnlyList<string> proof)
    {
        try
        {
            return MerkleTree.VerifyConsistency(before.EventCount, after.EventCount, AuditHash.FromHex(before.MerkleRoot), AuditHash.FromHex(after.MerkleRoot),
                proof.Select(AuditHash.FromHex).ToList());
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// Rebuilds the tree from the events as stored (only those with valid seals: the honest notary notarised nothing
    /// else) and finds the first witnessed digest it no longer matches. Between that digest and the one before, the
    /// first event that is gone from the log or has lost its seal is named; with none, the digest's own last sequence.
    /// </summary>
    private static AuditFinding? Localise(IReadOnlyList<WitnessEntry> entries, Inspection inspection)
    {
        var latest = entries[^1].Digest.LastSequence;
        var leaves = inspection.Events.Where(e => e.Sequence <= latest && !inspection.BadSeals.Contains(e.Sequence)).ToList();
        var present = inspection.Events.Select(e => e.Sequence).ToHashSet();
        var frontier = new MerkleFrontier();
        var next = 0;
        LedgerDigest? before = null;
        long lastLeaf = 0;
        foreach (var entry in entries)
        {
            var d = entry.Digest;
            while (next < leaves.Count && leaves[next].Sequence <= d.LastSequence)
            {
                frontier.Append(leaves[next].Digest());
                lastLeaf = leaves[next++].Sequence;
            }
            var matches = frontier.Count == d.EventCount && frontier.Count > 0 && AuditHash.Hex(frontier.Root()) == d.MerkleRoot
                          && lastLeaf == d.LastSequence;
            if (matches)
            {
                before = d;
                continue;
            }
            var floor = before?.LastSequence ?? 0;
            var want = d.EventCount - (before?.EventCount ?? 0);
            var have = leaves.Count(l => l.Sequence > floor && l.Sequence <= d.LastSequence);
            var gone = new List<long>();
            if (d.LastSequence - floor <= 5_000_000)
                for (var s = floor + 1; s <= d.LastSequence; s++)
                    if (!present.Contains(s) || inspection.BadSeals.Contains(s)) gone.Add(s);
            var named = gone.Count > 0 ? gone[0] : d.LastSequence;
            var span = $"the witness's digest of {d.CreatedAt:u} vouches for {want} events after sequence {floor} up to {d.LastSequence}";
            if (have < want)
                return new(named, "missing", $"{span}; the log now holds {have} of them with valid seals"
                    + (gone.Count == want - have ? $": sequence {Describe(gone)} {(gone.Count == 1 ? "is" : "are")} gone or no longer sealed"
                        : gone.Count > 0 ? $"; the first sequence number gone or unsealed there is {gone[0]} (of {gone.Count}; a rolled-back append also leaves a number unused)" : ""));
            if (have > want)
                return new(leaves.First(l => l.Sequence > floor).Sequence, "inserted", $"{span}; the log now holds {have} sealed events there: events the witness never saw were added");
            return new(leaves.First(l => l.Sequence > floor).Sequence, "changed", $"{span}; the log holds as many, but they no longer hash to the witnessed root");
        }
        return null;
    }

    private static string Describe(List<long> sequences) =>
        sequences.Count == 1 ? sequences[0].ToString() : sequences[^1] - sequences[0] == sequences.Count - 1 ? $"{sequences[0]}–{sequences[^1]}" : string.Join(", ", sequences.Take(10));

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
}


