using System.Security.Cryptography;

namespace Kavach.Vaults.Pkcs11;

/// <summary>
/// EME-OAEP decoding (RFC 8017 §7.1.2) with SHA-256, MGF1-SHA-256 and an empty label, for tokens that lack
/// <c>CKM_RSA_PKCS_OAEP</c> with SHA-256: the token does the raw RSA private operation (<c>CKM_RSA_X_509</c>), this
/// class removes the padding. MOSIP's key manager does the same with such tokens.
/// </summary>
/// <remarks>
/// Every check runs over the whole block and folds into one flag, without branching on secret bytes, and every
/// failure is the same <see cref="CryptographicException"/>: the caller learns nothing about which check failed
/// (Manger's attack needs exactly that oracle).
/// </remarks>
internal static class OaepSha256Decoder
{
    private const int HashLength = 32;

    // SHA-256 of the empty label.
    private static readonly byte[] EmptyLabelHash = SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>Decodes the k-byte encoded message <paramref name="encoded"/>; returns the message.</summary>
    /// <exception cref="CryptographicException">The block is not a valid OAEP encoding (always the same message).</exception>
    public static byte[] Decode(ReadOnlySpan<byte> encoded)
    {
        var k = encoded.Length;
        if (k < 2 * HashLength + 2)
        {
            throw Failure();
        }

        var dbLength = k - HashLength - 1;
        var seed = new byte[HashLength];
        var db = new byte[dbLength];
        try
        {
            var maskedSeed = encoded.Slice(1, HashLength);
            var maskedDb = encoded.Slice(1 + HashLength);
            Mgf1Xor(maskedDb, maskedSeed, seed);
            Mgf1Xor(seed, maskedDb, db);

            // good = 1 when Y == 0 and lHash' == lHash; stays a 0/1 integer, no early exit.
            var good = IsZero(encoded[0]) & (CryptographicOperations.FixedTimeEquals(db.AsSpan(0, HashLength), EmptyLabelHash) ? 1 : 0);

            // Find the 0x01 separating PS (zeros) from M, looking at every byte whatever came before.
            var lookingForOne = 1;
            var separator = 0;
            var invalid = 0;
            for (var i = HashLength; i < dbLength; i++)
            {
                var isOne = IsZero(db[i] ^ 0x01);
                var isZero = IsZero(db[i]);
                separator |= Select(lookingForOne & isOne, i, 0);
                invalid |= lookingForOne & (isOne ^ 1) & (isZero ^ 1);
                lookingForOne &= isOne ^ 1;
            }

            good &= (invalid ^ 1) & (lookingForOne ^ 1);
            if (good != 1)
            {
                throw Failure();
            }

            return db.AsSpan(separator + 1).ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
            CryptographicOperations.ZeroMemory(db);
        }
    }

    /// <summary>The one failure every invalid block gives.</summary>
    public static CryptographicException Failure() => new("The data does not decrypt under this key.");

    /// <summary>destination = source XOR MGF1-SHA-256(seed, destination.Length).</summary>
    private static void Mgf1Xor(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        Span<byte> block = stackalloc byte[HashLength];
        Span<byte> counter = stackalloc byte[4];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (int offset = 0, round = 0; offset < destination.Length; offset += HashLength, round++)
        {
            counter[0] = (byte)(round >> 24);
            counter[1] = (byte)(round >> 16);
            counter[2] = (byte)(round >> 8);
            counter[3] = (byte)round;
            hash.AppendData(seed);
            hash.AppendData(counter);
            hash.GetHashAndReset(block);
            var count = Math.Min(HashLength, destination.Length - offset);
            for (var j = 0; j < count; j++)
            {
                destination[offset + j] = (byte)(source[offset + j] ^ block[j]);
            }
        }

        CryptographicOperations.ZeroMemory(block);
    }

    // 1 when value == 0, else 0, without a branch (value is a byte, so value - 1 is negative only for 0).
    private static int IsZero(int value) => (int)((uint)(value - 1) >> 31);

    // a when condition == 1, b when condition == 0.
    private static int Select(int condition, int a, int b) => (-condition & a) | ((condition - 1) & b);
}
