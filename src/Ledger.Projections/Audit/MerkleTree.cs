using System.Security.Cryptography;

namespace Ledger.Projections.Audit;

public sealed record ProofStep(string Hash, string Side);

/// <summary>
/// A binary Merkle tree over event digests in sequence order. Leaf = H(0x00 ‖ digest), node = H(0x01 ‖ left ‖ right).
/// A level with an odd count promotes its last node unchanged to the next level: duplicating it instead (Bitcoin's
/// rule) would let two different leaf lists share a root. That is the tree RFC 6962 defines (MTH splits at the largest
/// power of two below n, which is what pairing level by level with promotion yields), so its inclusion and consistency
/// proofs apply unchanged.
/// </summary>
public static class MerkleTree
{
    public static byte[] Leaf(byte[] digest) => SHA256.HashData([0x00, .. digest]);

    public static byte[] Node(byte[] left, byte[] right) => SHA256.HashData([0x01, .. left, .. right]);

    public static byte[] Root(IReadOnlyList<byte[]> digests)
    {
        if (digests.Count == 0) throw new ArgumentException("a Merkle tree needs at least one event", nameof(digests));
        var level = digests.Select(Leaf).ToList();
        while (level.Count > 1) level = Up(level);
        return level[0];
    }

    /// <summary>The sibling hashes from the leaf at <paramref name="index"/> to the root; Side says where the sibling sits.</summary>
    public static IReadOnlyList<ProofStep> Proof(IReadOnlyList<byte[]> digests, int index)
    {
        if (index < 0 || index >= digests.Count) throw new ArgumentOutOfRangeException(nameof(index));
        var steps = new List<ProofStep>();
        var level = digests.Select(Leaf).ToList();
        while (level.Count > 1)
        {
            if (index % 2 == 1) steps.Add(new ProofStep(AuditHash.Hex(level[index - 1]), "left"));
            else if (index + 1 < level.Count) steps.Add(new ProofStep(AuditHash.Hex(level[index + 1]), "right"));
            level = Up(level);
            index /= 2;
        }
        return steps;
    }

    /// <summary>
    /// The leaf ranges whose tree hashes make the inclusion proof of leaf <paramref name="index"/> in a tree of
    /// <paramref name="size"/> leaves (RFC 6962 §2.1.1 PATH), deepest first, each with the side its hash sits on: what
    /// <see cref="Proof"/> returns, without the leaves, so a caller can hash each range as the leaves stream by.
    /// </summary>
    public static IReadOnlyList<(long Start, long End, string Side)> ProofRanges(long index, long size)
    {
        if (index < 0 || index >= size) throw new ArgumentOutOfRangeException(nameof(index));
        var ranges = new List<(long, long, string)>();
        var (start, end) = (0L, size);
        while (end - start > 1)
        {
            var k = LargestPowerOfTwoBelow(end - start);
            if (index < start + k)
            {
                ranges.Add((start + k, end, "right"));
                end = start + k;
            }
            else
            {
                ranges.Add((start, start + k, "left"));
                start += k;
            }
        }
        ranges.Reverse();
        return ranges;
    }

    public static byte[] RootFromProof(byte[] digest, IEnumerable<ProofStep> proof) =>
        proof.Aggregate(Leaf(digest), (hash, step) => step.Side == "left"
            ? Node(AuditHash.FromHex(step.Hash), hash)
            : Node(hash, AuditHash.FromHex(step.Hash)));

    /// <summary>
    /// Checks an inclusion path against the leaf's index and the tree's size as RFC 9162 §2.1.3.2 does, so a path that
    /// reaches the root from another position (a line moved to a different place in an export) fails.
    /// </summary>
    public static bool VerifyInclusion(long index, long size, byte[] digest, IReadOnlyList<ProofStep> path, byte[] root)
    {
        if (index < 0 || index >= size) return false;
        var (fn, sn) = (index, size - 1);
        var r = Leaf(digest);
        foreach (var step in path)
        {
            if (sn == 0) return false;
            byte[] p;
            try { p = AuditHash.FromHex(step.Hash); }
            catch (FormatException) { return false; }
            if ((fn & 1) == 1 || fn == sn)
            {
                if (step.Side != "left") return false;
                r = Node(p, r);
                if ((fn & 1) == 0)
                    while (fn != 0 && (fn & 1) == 0) { fn >>= 1; sn >>= 1; }
            }
            else
            {
                if (step.Side != "right") return false;
                r = Node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>The Merkle tree hash (RFC 6962 MTH) of leaves [start, end) of a tree over <paramref name="digests"/>.</summary>
    public static byte[] RangeHash(IReadOnlyList<byte[]> digests, long start, long end)
    {
        if (end - start == 1) return Leaf(digests[(int)start]);
        var k = LargestPowerOfTwoBelow(end - start);
        return Node(RangeHash(digests, start, start + k), RangeHash(digests, start + k, end));
    }

    /// <summary>
    /// RFC 6962 §2.1.2 PROOF(m, D[n]): the hashes that show the tree of the first <paramref name="m"/> leaves is a prefix
    /// of the tree of <paramref name="n"/>. <paramref name="hash"/> gives MTH of a leaf range [start, end).
    /// </summary>
    public static List<byte[]> ConsistencyProof(long m, long n, Func<long, long, byte[]> hash)
    {
        if (m <= 0 || m > n) throw new ArgumentOutOfRangeException(nameof(m));
        var proof = new List<byte[]>();
        SubProof(m, 0, n, true, hash, proof);
        return proof;
    }

    private static void SubProof(long m, long start, long end, bool complete, Func<long, long, byte[]> hash, List<byte[]> proof)
    {
        var n = end - start;
        if (m == n)
        {
            if (!complete) proof.Add(hash(start, end));
            return;
        }
        var k = LargestPowerOfTwoBelow(n);
        if (m <= k)
        {
            SubProof(m, start, start + k, complete, hash, proof);
            proof.Add(hash(start + k, end));
        }
        else
        {
            SubProof(m - k, start + k, end, false, hash, proof);
            proof.Add(hash(start, start + k));
        }
    }

    /// <summary>RFC 9162 §2.1.4.2: whether <paramref name="proof"/> shows the tree of size m with root <paramref name="first"/> is a prefix of the tree of size n with root <paramref name="second"/>.</summary>
    public static bool VerifyConsistency(long m, long n, byte[] first, byte[] second, IReadOnlyList<byte[]> proof)
    {
        if (m <= 0 || m > n) return false;
        if (m == n) return proof.Count == 0 && first.AsSpan().SequenceEqual(second);
        if (proof.Count == 0) return false;
        var path = (m & (m - 1)) == 0 ? new List<byte[]>([first, .. proof]) : proof.ToList();
        var (fn, sn) = (m - 1, n - 1);
        while ((fn & 1) == 1) { fn >>= 1; sn >>= 1; }
        var (fr, sr) = (path[0], path[0]);
        foreach (var c in path.Skip(1))
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = Node(c, fr);
                sr = Node(c, sr);
                if ((fn & 1) == 0)
                    while (fn != 0 && (fn & 1) == 0) { fn >>= 1; sn >>= 1; }
            }
            else sr = Node(sr, c);
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && fr.AsSpan().SequenceEqual(first) && sr.AsSpan().SequenceEqual(second);
    }

    private static long LargestPowerOfTwoBelow(long n)
    {
        var k = 1L;
        while (k << 1 < n) k <<= 1;
        return k;
    }

    private static List<byte[]> Up(List<byte[]> level)
    {
        var next = new List<byte[]>((level.Count + 1) / 2);
        for (var i = 0; i < level.Count; i += 2)
            next.Add(i + 1 < level.Count ? Node(level[i], level[i + 1]) : level[i]);
        return next;
    }
}
