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
}
