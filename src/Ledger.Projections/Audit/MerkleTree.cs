using System.Security.Cryptography;

namespace Ledger.Projections.Audit;

public sealed record ProofStep(string Hash, string Side);

/// <summary>
/// A binary Merkle tree over event digests in sequence order. Leaf = H(0x00 ‖ digest), node = H(0x01 ‖ left ‖ right).
/// A level with an odd count promotes its last node unchanged to the next level: duplicating it instead (Bitcoin's
/// rule) would let two different leaf lists share a root.
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

    public static byte[] RootFromProof(byte[] digest, IEnumerable<ProofStep> proof) =>
        proof.Aggregate(Leaf(digest), (hash, step) => step.Side == "left"
            ? Node(AuditHash.FromHex(step.Hash), hash)
            : Node(hash, AuditHash.FromHex(step.Hash)));

    private static List<byte[]> Up(List<byte[]> level)
    {
        var next = new List<byte[]>((level.Count + 1) / 2);
        for (var i = 0; i < level.Count; i += 2)
            next.Add(i + 1 < level.Count ? Node(level[i], level[i + 1]) : level[i]);
        return next;
    }
}
