using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ledger.Projections.Audit;

/// <summary>
/// The right edge of a Merkle tree (RFC 6962's compact range): the roots of the perfect subtrees the first n leaves
/// decompose into, largest first. Enough to append leaves and get the root, and to answer every hash a consistency
/// proof from this size needs on the old side, without holding the leaves.
/// </summary>
public sealed class MerkleFrontier
{
    private readonly List<(long Start, long Size, byte[] Hash)> _nodes = [];

    public long Count { get; private set; }

    public MerkleFrontier Copy()
    {
        var copy = new MerkleFrontier { Count = Count };
        copy._nodes.AddRange(_nodes);
        return copy;
    }

    public void Append(byte[] digest)
    {
        _nodes.Add((Count, 1, MerkleTree.Leaf(digest)));
        Count++;
        while (_nodes.Count > 1 && _nodes[^1].Size == _nodes[^2].Size)
        {
            var (left, right) = (_nodes[^2], _nodes[^1]);
            _nodes.RemoveRange(_nodes.Count - 2, 2);
            _nodes.Add((left.Start, left.Size * 2, MerkleTree.Node(left.Hash, right.Hash)));
        }
    }

    public byte[] Root()
    {
        if (_nodes.Count == 0) throw new InvalidOperationException("an empty tree has no root");
        var root = _nodes[^1].Hash;
        for (var i = _nodes.Count - 2; i >= 0; i--) root = MerkleTree.Node(_nodes[i].Hash, root);
        return root;
    }

    public byte[]? Find(long start, long end) => _nodes.FirstOrDefault(n => n.Start == start && n.Size == end - start).Hash;
}

/// <summary>
/// Publishes signed digests: reads only what the notary added since the last one, extends the tree's frontier, signs
/// the digest, proves it extends the previous one (RFC 6962 consistency) and writes both to the witness and to
/// mt_notary_digests. Before each digest it re-anchors on the witness's latest entry, so several ledger processes
/// (one at a time, under an advisory lock) keep one unbroken chain, and a ledger whose notarised past no longer
/// matches the witness refuses to publish rather than sign a fork.
/// </summary>
public sealed class DigestPublisher(IDocumentStore store, LedgerSigner signer, IDigestWitness? witness, ILogger<DigestPublisher> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private State? _state;
    private string Schema => store.Options.Events.DatabaseSchemaName;

    public IDigestWitness? Witness => witness;

    private sealed record State(MerkleFrontier Frontier, long LastSequence, string? GlobalChainHead, LedgerDigest? Published);

    /// <summary>
    /// The most leaves one digest covers. A ledger far behind its witness (a first start on a log written without it, a
    /// restore) publishes several digests in a row, each extending the last, so that only this many leaf digests (32 bytes
    /// each, 8 MB) are held at once whatever the size of the log.
    /// </summary>
    public const int MaxLeavesPerDigest = 1 << 18;

    /// <summary>A new signed digest, or the last one when nothing was notarised since; null when nothing is notarised or another process holds the turn.</summary>
    public async Task<LedgerDigest?> PublishAsync(DateTimeOffset now, CancellationToken ct) => await PublishAsync(now, MaxLeavesPerDigest, ct);

    public async Task<LedgerDigest?> PublishAsync(DateTimeOffset now, int maxLeavesPerDigest, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            while (true)
            {
                var (digest, more) = await PublishOnceAsync(now, maxLeavesPerDigest, ct);
                if (!more) return digest;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(LedgerDigest? Digest, bool More)> PublishOnceAsync(DateTimeOffset now, int maxLeaves, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var turn = new NpgsqlCommand("select pg_try_advisory_xact_lock(hashtext($1))", connection, transaction))
        {
            turn.Parameters.Add(new NpgsqlParameter { Value = Schema + ".ledger-digest-publisher" });
            if (!(bool)(await turn.ExecuteScalarAsync(ct))!) return (null, false);
        }

        var anchor = witness is null ? null : await witness.LatestAsync(ct);
        var state = _state = await AnchorAsync(connection, anchor?.Digest, ct);
        var digests = new List<byte[]>();
        long lastSequence = 0;
        string? lastChain = null;
        await NotaryRows.ForEachLeafAsync(connection, Schema, state.LastSequence, long.MaxValue, maxLeaves, (sequence, digest, chain) =>
        {
            digests.Add(AuditHash.FromHex(digest));
            (lastSequence, lastChain) = (sequence, chain);
        }, ct);
        if (digests.Count == 0) return (state.Published, false);

        var frontier = state.Frontier.Copy();
        foreach (var d in digests) frontier.Append(d);
        var signed = DigestSignature.Sign(new LedgerDigest(lastSequence, frontier.Count, lastChain!, AuditHash.Hex(frontier.Root()), now, AuditHash.Algorithm), signer);

        if (witness is not null)
        {
            var m = state.Frontier.Count;
            var proof = m == 0 ? [] : MerkleTree.ConsistencyProof(m, frontier.Count, (a, b) => Hash(state.Frontier, digests, a, b));
            var previous = state.Published is { } p ? new WitnessedTree(p.LastSequence, p.EventCount, p.MerkleRoot) : null;
            await witness.WriteAsync(new WitnessEntry(signed, previous, proof.Select(AuditHash.Hex).ToList()), ct);
        }
        await using (var save = new NpgsqlCommand(
                         $"insert into {Schema}.{AuditSchema.DigestTable} (last_sequence, event_count, global_chain_head, merkle_root, created_at, key_id, signature) " +
                         "values ($1, $2, $3, $4, $5, $6, $7) on conflict (last_sequence) do nothing", connection, transaction))
        {
            foreach (var value in new object[] { signed.LastSequence, signed.EventCount, signed.GlobalChainHead, signed.MerkleRoot, signed.CreatedAt, signed.KeyId!, signed.Signature! })
                save.Parameters.Add(new NpgsqlParameter { Value = value });
            await save.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        _state = new State(frontier, signed.LastSequence, signed.GlobalChainHead, signed);
        return (signed, digests.Count == maxLeaves);
    }

    /// <summary>
    /// MTH of leaves [a, b) of the new tree: the old frontier's nodes cover everything left of its size (a consistency
    /// proof only asks for those), the new leaves the rest.
    /// </summary>
    private static byte[] Hash(MerkleFrontier old, List<byte[]> fresh, long a, long b)
    {
        var m = old.Count;
        if (old.Find(a, b) is { } known) return known;
        if (a >= m) return MerkleTree.RangeHash(fresh, a - m, b - m);
        if (b <= m) throw new InvalidOperationException($"the frontier of {m} leaves does not hold the range [{a}, {b})");
        var k = 1L;
        while (k << 1 < b - a) k <<= 1;
        return MerkleTree.Node(Hash(old, fresh, a, a + k), Hash(old, fresh, a + k, b));
    }

    /// <summary>
    /// The tree as last published, checked against the database and the witness. Recomputed from the notary (once per
    /// process, or when another process published meanwhile, or after the data was reset) when either has moved.
    /// </summary>
    private async Task<State> AnchorAsync(NpgsqlConnection connection, LedgerDigest? anchor, CancellationToken ct)
    {
        if (_state is { } known && SameTree(known.Published, anchor) && await StillNotarisedAsync(connection, known, ct)) return known;
        if (anchor is null)
        {
            if (_state is { LastSequence: > 0 }) logger.LogWarning("The notary no longer holds the last digest's event {Sequence}; digests start over from the notary's first event", _state.LastSequence);
            return new State(new MerkleFrontier(), 0, null, null);
        }
        // The frontier is rebuilt as the rows stream by (it holds one hash per level): a province's notary is millions of
        // rows, which as a list of entries held gigabytes at startup.
        var frontier = new MerkleFrontier();
        long lastSequence = 0;
        string? lastChain = null;
        await NotaryRows.ForEachLeafAsync(connection, Schema, 0, anchor.LastSequence, int.MaxValue, (sequence, digest, chain) =>
        {
            frontier.Append(AuditHash.FromHex(digest));
            (lastSequence, lastChain) = (sequence, chain);
        }, ct);
        if (frontier.Count == 0 || lastSequence != anchor.LastSequence || frontier.Count != anchor.EventCount
            || AuditHash.Hex(frontier.Root()) != anchor.MerkleRoot)
        {
            var message = $"the notarised ledger up to sequence {anchor.LastSequence} no longer forms the tree the witness ({witness!.Description}) signed on "
                          + $"{anchor.CreatedAt:u}: {frontier.Count} events where the witness has {anchor.EventCount}. No digest is published until an auditor has run verify --witness";
            logger.LogCritical("Ledger digest refused: {Problem}", message);
            throw new WitnessConflictException(message);
        }
        return new State(frontier, anchor.LastSequence, lastChain, anchor);
    }

    private static bool SameTree(LedgerDigest? published, LedgerDigest? anchor) =>
        anchor is null || (published is not null && published.LastSequence == anchor.LastSequence && published.MerkleRoot == anchor.MerkleRoot);

    private async Task<bool> StillNotarisedAsync(NpgsqlConnection connection, State state, CancellationToken ct)
    {
        if (state.LastSequence == 0) return true;
        await using var command = new NpgsqlCommand($"select global_chain from {Schema}.{AuditSchema.NotaryTable} where seq_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = state.LastSequence });
        return (await command.ExecuteScalarAsync(ct)) as string == state.GlobalChainHead;
    }
}
