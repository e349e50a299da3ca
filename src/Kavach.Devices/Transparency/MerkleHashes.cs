using System.Security.Cryptography;

namespace Kavach.Devices.Transparency;

/// <summary>
/// The hashes of RFC 9162 §2.1.1 (as RFC 6962): SHA-256, a leaf hashed with the prefix 0x00 and an interior node with
/// 0x01, so no leaf can be passed off as a node (second-preimage attack on the tree).
/// </summary>
public static class MerkleHashes
{
    /// <summary>The length of every hash in the tree.</summary>
    public const int Size = 32;

    /// <summary>The hash of the empty tree: SHA-256 of no bytes.</summary>
    public static ReadOnlySpan<byte> EmptyRoot => SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>SHA-256(0x00 ‖ <paramref name="leaf"/>).</summary>
    public static byte[] Leaf(ReadOnlySpan<byte> leaf)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([0x00]);
        hash.AppendData(leaf);
        return hash.GetHashAndReset();
    }

    /// <summary>SHA-256(0x01 ‖ <paramref name="left"/> ‖ <paramref name="right"/>).</summary>
    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> input = stackalloc byte[1 + (2 * Size)];
        input[0] = 0x01;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + Size)..]);
        return SHA256.HashData(input);
    }

    /// <summary>The largest power of two strictly less than <paramref name="n"/> (n ≥ 2): RFC 9162's split point k.</summary>
    internal static long SplitPoint(long n)
    {
        var k = 1L;
        while (k << 1 < n)
        {
            k <<= 1;
        }

        return k;
    }
}
