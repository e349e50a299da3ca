using System.Security.Cryptography;

namespace Kavach.Crypto.Internal;

/// <summary>Maps a GCM IV of any length to a 16-byte IV that yields the same cipher stream and tag.</summary>
/// <remarks>
/// GCM only ever uses an IV that is not 12 bytes long through its pre-counter block
/// J0 = GHASH_H(IV || 0-padding || [0]64 || [bitlen(IV)]64). For a 16-byte IV' that is
/// GHASH_H(IV' || L) = IV'·H² ⊕ L·H with L = [0]64 || [128]64, which can be solved for IV':
/// IV' = (J0 ⊕ L·H) · H⁻². So any IV, including ones longer than OpenSSL's 128-byte limit (Java,
/// and so MOSIP, accept any length), can be handed to OpenSSL as an equivalent 16-byte IV.
/// When H is zero every IV gives J0 = 0 and the formula gives IV' = 0, which is still equivalent.
/// </remarks>
internal static class GcmIvReducer
{
    internal const int ReducedIvLength = 16;

    private static readonly (ulong Hi, ulong Lo) SixteenByteIvLengthBlock = (0UL, 128UL);

    internal static void Reduce(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, Span<byte> reducedIv)
    {
        Span<byte> subkey = stackalloc byte[16];
        try
        {
            ComputeHashSubkey(key, subkey);
            (ulong Hi, ulong Lo) h = Gf128.Load(subkey);

            (ulong Hi, ulong Lo) j0 = Gf128.GhashPadded(h, (0UL, 0UL), iv);
            j0 = Gf128.Multiply(Gf128.Xor(j0, (0UL, (ulong)iv.Length * 8UL)), h);

            (ulong Hi, ulong Lo) target = Gf128.Xor(j0, Gf128.Multiply(SixteenByteIvLengthBlock, h));
            (ulong Hi, ulong Lo) inverse = Gf128.Invert(h);
            Gf128.Store(Gf128.Multiply(target, Gf128.Multiply(inverse, inverse)), reducedIv);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(subkey);
        }
    }

    /// <summary>H = AES_K(0^128), GCM's hash subkey.</summary>
    private static void ComputeHashSubkey(ReadOnlySpan<byte> key, Span<byte> subkey)
    {
        Span<byte> zeroBlock = stackalloc byte[16];
        zeroBlock.Clear();
        using Aes aes = Aes.Create();
        aes.SetKey(key);

        // One block of ECB is exactly the raw block cipher, which is what GCM defines H with.
        aes.EncryptEcb(zeroBlock, subkey, PaddingMode.None);
    }
}
