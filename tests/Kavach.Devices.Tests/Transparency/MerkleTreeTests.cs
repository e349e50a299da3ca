using System.Diagnostics;
using System.Security.Cryptography;
using Kavach.Devices.Transparency;

namespace Kavach.Devices.Tests.Transparency;

/// <summary>The RFC 9162 §2.1 algorithms against the Certificate Transparency reference vectors and an independent Python computation.</summary>
public sealed class MerkleTreeTests
{
    // The RFC 6962 reference inputs used by every Certificate Transparency implementation's tests.
    private static readonly string[] ReferenceInputs = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

    private static readonly string[] ReferenceRoots =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    [Fact]
    public void Roots_of_the_reference_inputs_match_the_published_tree_heads_for_every_size()
    {
        var tree = Reference();
        for (var size = 0; size <= ReferenceInputs.Length; size++)
        {
            Assert.Equal(ReferenceRoots[size], Convert.ToHexStringLower(tree.RootHash(size)));
        }
    }

    [Fact]
    public void Inclusion_and_consistency_proofs_match_the_published_reference_proofs()
    {
        var tree = Reference();
        Assert.Equal(
            ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"],
            tree.InclusionProof(0, 8).Select(Convert.ToHexStringLower));
        Assert.Equal(
            ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"],
            tree.InclusionProof(5, 8).Select(Convert.ToHexStringLower));
        Assert.Equal(
            ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"],
            tree.ConsistencyProof(2, 8).Select(Convert.ToHexStringLower));
        Assert.Equal(
            ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"],
            tree.ConsistencyProof(6, 8).Select(Convert.ToHexStringLower));
    }

    [Fact]
    public void Every_proof_of_every_tree_up_to_40_leaves_verifies_and_every_mangled_one_fails()
    {
        var tree = new MerkleTree();
        for (var i = 0; i < 40; i++)
        {
            tree.Append(MerkleHashes.Leaf([(byte)i, (byte)(i * 7)]));
        }

        for (long size = 1; size <= 40; size++)
        {
            var root = tree.RootHash(size);
            for (long index = 0; index < size; index++)
            {
                var proof = tree.InclusionProof(index, size);
                var leaf = tree.LeafHash(index);
                Assert.True(MerkleProofs.VerifyInclusion(leaf, index, size, proof, root), $"inclusion {index}/{size}");
                Assert.False(MerkleProofs.VerifyInclusion(leaf, index + 1, size, proof, root));
                if (proof.Count > 0)
                {
                    Assert.False(MerkleProofs.VerifyInclusion(leaf, index, size, Flip(proof), root), $"flipped {index}/{size}");
                    Assert.False(MerkleProofs.VerifyInclusion(leaf, index, size, proof.Take(proof.Count - 1).ToList(), root));
                }

                Assert.False(MerkleProofs.VerifyInclusion(leaf, index, size, [.. proof, new byte[32]], root));
            }

            for (long first = 0; first <= size; first++)
            {
                var proof = tree.ConsistencyProof(first, size);
                var firstRoot = tree.RootHash(first);
                Assert.True(MerkleProofs.VerifyConsistency(first, size, firstRoot, root, proof), $"consistency {first}->{size}");
                if (proof.Count > 0)
                {
                    Assert.False(MerkleProofs.VerifyConsistency(first, size, firstRoot, root, Flip(proof)), $"flipped {first}->{size}");
                    Assert.False(MerkleProofs.VerifyConsistency(first, size, firstRoot, root, proof.Take(proof.Count - 1).ToList()));
                }

                if (first > 0 && first < size)
                {
                    // A forked history: the older root is not a prefix of this tree.
                    Assert.False(MerkleProofs.VerifyConsistency(first, size, MerkleHashes.Leaf("forged"u8), root, proof));
                }
            }
        }
    }

    [Fact]
    public void Degenerate_and_malformed_proofs_are_refused_not_thrown()
    {
        var tree = Reference();
        var root8 = tree.RootHash(8);
        var proof = tree.InclusionProof(5, 8);
        Assert.False(MerkleProofs.VerifyInclusion(tree.LeafHash(5), 8, 8, proof, root8));
        Assert.False(MerkleProofs.VerifyInclusion(tree.LeafHash(5), -1, 8, proof, root8));
        Assert.False(MerkleProofs.VerifyInclusion(new byte[31], 5, 8, proof, root8));
        Assert.False(MerkleProofs.VerifyInclusion(tree.LeafHash(5), 5, 8, [new byte[31], .. proof.Skip(1)], root8));
        Assert.False(MerkleProofs.VerifyConsistency(8, 6, root8, tree.RootHash(6), tree.ConsistencyProof(6, 8)));
        Assert.False(MerkleProofs.VerifyConsistency(6, 8, tree.RootHash(6), root8, []));
        Assert.True(MerkleProofs.VerifyConsistency(4, 4, tree.RootHash(4), tree.RootHash(4), []));
        Assert.False(MerkleProofs.VerifyConsistency(4, 4, tree.RootHash(4), tree.RootHash(5), []));
        Assert.True(MerkleProofs.VerifyConsistency(0, 8, MerkleHashes.EmptyRoot, root8, []));
        Assert.False(MerkleProofs.VerifyConsistency(0, 8, tree.RootHash(1), root8, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.InclusionProof(0, 9));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.ConsistencyProof(5, 3));
    }

    [Fact]
    public async Task Roots_agree_with_an_independent_python_hashlib_computation()
    {
        var leaves = Enumerable.Range(0, 23).Select(i => SHA256.HashData(BitConverter.GetBytes(i * 31 + 7))).ToList();
        var tree = new MerkleTree();
        foreach (var leaf in leaves)
        {
            tree.Append(MerkleHashes.Leaf(leaf));
        }

        // RFC 9162 §2.1.1 written out directly in Python with hashlib: recursive MTH, split at the largest power of two below n.
        const string script = """
            import hashlib, sys
            data = [bytes.fromhex(x) for x in sys.stdin.read().split()]
            def mth(d):
                if len(d) == 0: return hashlib.sha256(b"").digest()
                if len(d) == 1: return hashlib.sha256(b"\x00" + d[0]).digest()
                k = 1
                while k * 2 < len(d): k *= 2
                return hashlib.sha256(b"\x01" + mth(d[:k]) + mth(d[k:])).digest()
            print(" ".join(mth(data[:n]).hex() for n in range(len(data) + 1)))
            """;
        var start = new ProcessStartInfo("python3", ["-c", script]) { RedirectStandardInput = true, RedirectStandardOutput = true };
        using var python = Process.Start(start)!;
        await python.StandardInput.WriteAsync(string.Join(' ', leaves.Select(Convert.ToHexStringLower)));
        python.StandardInput.Close();
        var roots = (await python.StandardOutput.ReadToEndAsync()).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        await python.WaitForExitAsync();

        Assert.Equal(0, python.ExitCode);
        Assert.Equal(leaves.Count + 1, roots.Length);
        for (var n = 0; n <= leaves.Count; n++)
        {
            Assert.Equal(roots[n], Convert.ToHexStringLower(tree.RootHash(n)));
        }
    }

    private static MerkleTree Reference()
    {
        var tree = new MerkleTree();
        foreach (var input in ReferenceInputs)
        {
            tree.Append(MerkleHashes.Leaf(Convert.FromHexString(input)));
        }

        return tree;
    }

    private static List<byte[]> Flip(IReadOnlyList<byte[]> proof)
    {
        var copy = proof.Select(p => (byte[])p.Clone()).ToList();
        copy[^1][7] ^= 0x01;
        return copy;
    }
}
