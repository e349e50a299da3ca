using System.Buffers.Binary;
using System.Text;

namespace Kavach.Devices.Transparency;

/// <summary>
/// A signed tree head (RFC 9162 §4.10 in spirit): the log's size and root hash at a time, signed by the log key.
/// The signature is RSASSA-PKCS1-v1_5 with SHA-256 over <see cref="SignedBytes"/>.
/// </summary>
/// <param name="TreeSize">The number of leaves.</param>
/// <param name="RootHash">MTH of those leaves (32 bytes).</param>
/// <param name="Timestamp">When it was signed (milliseconds, UTC).</param>
/// <param name="KeyId">Lower-case hex SHA-256 of the log certificate (DER) whose key signed it.</param>
/// <param name="Signature">The signature.</param>
public sealed record SignedTreeHead(long TreeSize, byte[] RootHash, DateTimeOffset Timestamp, string KeyId, byte[] Signature)
{
    private static readonly byte[] Label = Encoding.ASCII.GetBytes("kavach-device-log/tree-head/v1");

    /// <summary>
    /// The bytes the log key signs: the ASCII label <c>kavach-device-log/tree-head/v1</c>, a zero byte, the tree size
    /// and the timestamp in Unix milliseconds as big-endian 64-bit integers, then the 32-byte root hash. The label keeps
    /// the signature from meaning anything in another protocol.
    /// </summary>
    public static byte[] SignedBytes(long treeSize, ReadOnlySpan<byte> rootHash, DateTimeOffset timestamp)
    {
        if (rootHash.Length != MerkleHashes.Size)
        {
            throw new ArgumentException("A root hash is 32 bytes.", nameof(rootHash));
        }

        var bytes = new byte[Label.Length + 1 + 8 + 8 + MerkleHashes.Size];
        Label.CopyTo(bytes, 0);
        var at = Label.Length + 1;
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(at), treeSize);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(at + 8), timestamp.ToUnixTimeMilliseconds());
        rootHash.CopyTo(bytes.AsSpan(at + 16));
        return bytes;
    }
}
