namespace Kavach.Devices.Transparency;

/// <summary>
/// An append-only Merkle tree of leaf hashes with the tree head and proof algorithms of RFC 9162 §2.1 (MTH, PATH,
/// PROOF). It keeps every complete, aligned subtree hash as leaves arrive, so a root, an inclusion proof or a
/// consistency proof for any earlier size costs O(log n) hashes, not a pass over the log. Thread-safe.
/// </summary>
/// <remarks>
/// RFC 9162 splits a range of n leaves at the largest power of two k &lt; n; the left part is then a complete subtree
/// aligned on a multiple of k, so every left branch of the recursion is a cached value. Memory is two hashes per leaf.
/// </remarks>
public sealed class MerkleTree
{
    private readonly Lock _gate = new();

    // _levels[h][i]: the hash of the complete subtree of 2^h leaves starting at leaf i·2^h.
    private readonly List<List<byte[]>> _levels = [[]];

    /// <summary>The number of leaves.</summary>
    public long Size
    {
        get
        {
            lock (_gate)
            {
                return _levels[0].Count;
            }
        }
    }

    /// <summary>Appends a leaf hash (see <see cref="MerkleHashes.Leaf"/>) and returns its index.</summary>
    public long Append(ReadOnlySpan<byte> leafHash)
    {
        if (leafHash.Length != MerkleHashes.Size)
        {
            throw new ArgumentException("A leaf hash is 32 bytes.", nameof(leafHash));
        }

        lock (_gate)
        {
            _levels[0].Add(leafHash.ToArray());
            var index = _levels[0].Count - 1L;
            var height = 0;

            // Each time a level gets an even count, its last two nodes complete a subtree one level up.
            while (_levels[height].Count % 2 == 0)
            {
                var level = _levels[height];
                var parent = MerkleHashes.Node(level[^2], level[^1]);
                if (_levels.Count == height + 1)
                {
                    _levels.Add([]);
                }

                _levels[height + 1].Add(parent);
                height++;
            }

            return index;
        }
    }

    /// <summary>The leaf hash at <paramref name="index"/>.</summary>
    public byte[] LeafHash(long index)
    {
        lock (_gate)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _levels[0].Count);
            return _levels[0][(int)index];
        }
    }

    /// <summary>MTH of the first <paramref name="size"/> leaves (the empty tree's hash for 0).</summary>
    public byte[] RootHash(long size)
    {
        lock (_gate)
        {
            CheckSize(size);
            return Subtree(0, size);
        }
    }

    /// <summary>PATH(m, D[n]) of RFC 9162 §2.1.3.1: the inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves.</summary>
    public IReadOnlyList<byte[]> InclusionProof(long index, long size)
    {
        lock (_gate)
        {
            CheckSize(size);
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
            var proof = new List<byte[]>();
            Path(index, 0, size, proof);
            return proof;
        }
    }

    /// <summary>
    /// PROOF(m, D[n]) of RFC 9162 §2.1.4.1: that the tree of <paramref name="first"/> leaves is a prefix of the tree of
    /// <paramref name="second"/> leaves. Empty when first is 0 or equals second (nothing to prove).
    /// </summary>
    public IReadOnlyList<byte[]> ConsistencyProof(long first, long second)
    {
        lock (_gate)
        {
            CheckSize(second);
            ArgumentOutOfRangeException.ThrowIfNegative(first);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(first, second);
            var proof = new List<byte[]>();
            if (first > 0 && first < second)
            {
                SubProof(first, 0, second, complete: true, proof);
            }

            return proof;
        }
    }

    private void CheckSize(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, _levels[0].Count);
    }

    // MTH(D[start:start+n]).
    private byte[] Subtree(long start, long n)
    {
        if (n == 0)
        {
            return MerkleHashes.EmptyRoot.ToArray();
        }

        if ((n & (n - 1)) == 0 && start % n == 0)
        {
            var height = System.Numerics.BitOperations.Log2((ulong)n);
            return _levels[height][(int)(start >> height)];
        }

        var k = MerkleHashes.SplitPoint(n);
        return MerkleHashes.Node(Subtree(start, k), Subtree(start + k, n - k));
    }

    private void Path(long m, long start, long n, List<byte[]> proof)
    {
        if (n <= 1)
        {
            return;
        }

        var k = MerkleHashes.SplitPoint(n);
        if (m < k)
        {
            Path(m, start, k, proof);
            proof.Add(Subtree(start + k, n - k));
        }
        else
        {
            Path(m - k, start + k, n - k, proof);
            proof.Add(Subtree(start, k));
        }
    }

    private void SubProof(long m, long start, long n, bool complete, List<byte[]> proof)
    {
        if (m == n)
        {
            if (!complete)
            {
                proof.Add(Subtree(start, n));
            }

            return;
        }

        var k = MerkleHashes.SplitPoint(n);
        if (m <= k)
        {
            SubProof(m, start, k, complete, proof);
            proof.Add(Subtree(start + k, n - k));
        }
        else
        {
            SubProof(m - k, start + k, n - k, complete: false, proof);
            proof.Add(Subtree(start, k));
        }
    }
}
