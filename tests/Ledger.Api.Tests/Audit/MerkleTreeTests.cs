using System.Security.Cryptography;
using Ledger.Projections.Audit;

namespace Ledger.Api.Tests.Audit;

public sealed class MerkleTreeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(13)]
    public void every_leaf_proves_into_the_root_whatever_the_count(int count)
    {
        var leaves = Enumerable.Range(0, count).Select(i => SHA256.HashData([(byte)i])).ToList();
        var root = MerkleTree.Root(leaves);
        for (var i = 0; i < count; i++)
            MerkleTree.RootFromProof(leaves[i], MerkleTree.Proof(leaves, i)).ShouldBe(root);
    }

    [Fact]
    public void the_proof_ranges_hashed_as_the_leaves_stream_by_are_the_proof_the_whole_tree_gives()
    {
        // The proof endpoint hashes each range with a frontier while the notary's rows stream past, holding no leaves.
        for (var count = 1; count <= 40; count++)
        {
            var leaves = Enumerable.Range(0, count).Select(i => SHA256.HashData([(byte)i, (byte)count])).ToList();
            for (var i = 0; i < count; i++)
            {
                var streamed = MerkleTree.ProofRanges(i, count).Select(r =>
                {
                    var frontier = new MerkleFrontier();
                    for (var j = r.Start; j < r.End; j++) frontier.Append(leaves[(int)j]);
                    return new ProofStep(AuditHash.Hex(frontier.Root()), r.Side);
                }).ToList();
                streamed.ShouldBe(MerkleTree.Proof(leaves, i), $"leaf {i} of {count}");
            }
        }
    }

    [Fact]
    public void a_promoted_odd_node_is_not_the_same_tree_as_a_duplicated_one()
    {
        var three = Enumerable.Range(0, 3).Select(i => SHA256.HashData([(byte)i])).ToList();
        MerkleTree.Root(three).ShouldNotBe(MerkleTree.Root([.. three, three[2]]));
    }

    [Fact]
    public void canonical_json_sorts_keys_and_keeps_numbers_as_stored()
    {
        CanonicalJson.Canonicalise("""{ "b": 1.50, "a": { "z": [3, "名"], "y": null } }""")
            .ShouldBe("""{"a":{"y":null,"z":[3,"名"]},"b":1.50}""");
    }

    private static List<byte[]> Leaves(int count) => Enumerable.Range(0, count).Select(i => SHA256.HashData(BitConverter.GetBytes(i))).ToList();

    [Fact]
    public void the_tree_is_rfc_6962_s_so_its_range_hash_and_frontier_give_the_same_root()
    {
        for (var n = 1; n <= 70; n++)
        {
            var leaves = Leaves(n);
            var frontier = new MerkleFrontier();
            leaves.ForEach(frontier.Append);
            MerkleTree.RangeHash(leaves, 0, n).ShouldBe(MerkleTree.Root(leaves), $"n = {n}");
            frontier.Root().ShouldBe(MerkleTree.Root(leaves), $"n = {n}");
        }
    }

    [Fact]
    public void inclusion_paths_verify_only_from_the_leaf_index_they_were_made_for()
    {
        for (var n = 1; n <= 40; n++)
        {
            var leaves = Leaves(n);
            var root = MerkleTree.Root(leaves);
            for (var i = 0; i < n; i++)
            {
                var path = MerkleTree.Proof(leaves, i);
                MerkleTree.VerifyInclusion(i, n, leaves[i], path, root).ShouldBeTrue($"leaf {i} of {n}");
                if (n > 1) MerkleTree.VerifyInclusion((i + 1) % n, n, leaves[i], path, root).ShouldBeFalse($"leaf {i} of {n} moved");
            }
        }
    }

    [Fact]
    public void every_earlier_tree_is_proved_a_prefix_of_every_later_one_and_a_rewritten_one_is_not()
    {
        for (var n = 1; n <= 40; n++)
        {
            var leaves = Leaves(n);
            var second = MerkleTree.Root(leaves);
            for (var m = 1; m <= n; m++)
            {
                var first = MerkleTree.Root(leaves.Take(m).ToList());
                var proof = MerkleTree.ConsistencyProof(m, n, (a, b) => MerkleTree.RangeHash(leaves, a, b));
                MerkleTree.VerifyConsistency(m, n, first, second, proof).ShouldBeTrue($"{m} → {n}");
                if (m == n) continue;
                var rewritten = leaves.Take(m).ToList();
                rewritten[m / 2] = SHA256.HashData([0xff]);
                MerkleTree.VerifyConsistency(m, n, MerkleTree.Root(rewritten), second, proof).ShouldBeFalse($"{m} → {n}, leaf {m / 2} rewritten");
                MerkleTree.VerifyConsistency(m, n, first, MerkleTree.Root([.. leaves.Take(n - 1), SHA256.HashData([0xfe])]), proof)
                    .ShouldBeFalse($"{m} → {n}, later tree forked");
            }
        }
    }
}
