using System.Numerics;
using System.Security.Cryptography;

namespace Kavach.Keys.ClientCrypto;

/// <summary>
/// RSA-OAEP encryption with SHA-256 as the label hash and MGF1 over SHA-1 — what Java's
/// <c>OAEPWITHSHA-256ANDMGF1PADDING</c> does on Android (MOSIP's ANDROID client type). .NET's padding modes tie the
/// MGF hash to the OAEP hash, so the encoding (RFC 8017 §7.1.1) is done here and only the public RSA operation follows.
/// </summary>
public static class OaepMgf1Sha1
{
    /// <summary>Encrypts <paramref name="message"/> for the public key <paramref name="key"/>.</summary>
    public static byte[] Encrypt(RSAParameters key, ReadOnlySpan<byte> message)
    {
        var k = key.Modulus!.Length;
        const int hashLength = 32;
        if (message.Length > k - (2 * hashLength) - 2)
        {
            throw new CryptographicException("Message too long for RSA-OAEP.");
        }

        var db = new byte[k - hashLength - 1];
        SHA256.HashData(ReadOnlySpan<byte>.Empty).CopyTo(db, 0);
        db[db.Length - message.Length - 1] = 0x01;
        message.CopyTo(db.AsSpan(db.Length - message.Length));
        var seed = RandomNumberGenerator.GetBytes(hashLength);
        Xor(db, Mgf1Sha1(seed, db.Length));
        var maskedSeed = (byte[])seed.Clone();
        Xor(maskedSeed, Mgf1Sha1(db, hashLength));

        var encoded = new byte[k];
        maskedSeed.CopyTo(encoded, 1);
        db.CopyTo(encoded, 1 + hashLength);

        var m = new BigInteger(encoded, isUnsigned: true, isBigEndian: true);
        var n = new BigInteger(key.Modulus, isUnsigned: true, isBigEndian: true);
        var e = new BigInteger(key.Exponent, isUnsigned: true, isBigEndian: true);
        var c = BigInteger.ModPow(m, e, n).ToByteArray(isUnsigned: true, isBigEndian: true);
        var output = new byte[k];
        c.CopyTo(output, k - c.Length);
        return output;
    }

    private static byte[] Mgf1Sha1(ReadOnlySpan<byte> seed, int length)
    {
        var output = new byte[length];
        var block = new byte[seed.Length + 4];
        seed.CopyTo(block);
        for (int counter = 0, offset = 0; offset < length; counter++, offset += 20)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(block.AsSpan(seed.Length), counter);
#pragma warning disable CA5350 // SHA-1 is the MGF of the Android client's OAEP, not a signature or integrity hash.
            var digest = SHA1.HashData(block);
#pragma warning restore CA5350
            digest.AsSpan(0, Math.Min(20, length - offset)).CopyTo(output.AsSpan(offset));
        }

        return output;
    }

    private static void Xor(byte[] target, byte[] mask)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] ^= mask[i];
        }
    }
}
