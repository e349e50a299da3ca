using System.Security.Cryptography;

namespace Kavach.PartnerChannel.HttpSignatures;

/// <summary>RFC 9530 <c>Content-Digest</c> with <c>sha-256</c>, the only algorithm the channel writes and checks.</summary>
internal static class ContentDigest
{
    /// <summary>The field value for <paramref name="body"/>: <c>sha-256=:base64:</c>.</summary>
    public static string Create(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        return string.Concat("sha-256=", StructuredFieldSerializer.ByteSequence(hash));
    }

    /// <summary>
    /// True when <paramref name="field"/> is a well-formed dictionary whose <c>sha-256</c> member is the digest of
    /// <paramref name="body"/>; members for other algorithms are ignored (RFC 9530 §2), but there must be a sha-256 one.
    /// </summary>
    public static bool Matches(string? field, ReadOnlySpan<byte> body)
    {
        if (!StructuredFieldParser.TryParseDictionary(field, out IReadOnlyList<SfMember>? dictionary)
            || StructuredFieldParser.Find(dictionary, "sha-256") is not { InnerList: null, Value: byte[] expected }
            || expected.Length != SHA256.HashSizeInBytes)
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        return CryptographicOperations.FixedTimeEquals(hash, expected);
    }
}
