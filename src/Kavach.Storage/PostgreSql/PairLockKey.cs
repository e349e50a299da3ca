using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Kavach.Storage.PostgreSql;

/// <summary>The 64-bit PostgreSQL advisory-lock key of an (appId, refId) pair.</summary>
internal static class PairLockKey
{
    /// <summary>
    /// The first 8 bytes, big-endian, of SHA-256(UTF-8(appId + "\n" + refId)). Stable across processes and
    /// versions (replicas must agree), and the newline keeps ("A", "B\nC") and ("A\nB", "C") apart as long as
    /// ids hold no newline. Distinct pairs share a key only by a 2^-64 chance, which costs waiting, not safety.
    /// </summary>
    internal static long For(string appId, string refId)
    {
        var input = Encoding.UTF8.GetBytes(appId + "\n" + refId);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input, digest);
        return BinaryPrimitives.ReadInt64BigEndian(digest);
    }
}
