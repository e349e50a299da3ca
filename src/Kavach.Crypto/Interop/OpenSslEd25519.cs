using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Kavach.Crypto.Interop;

/// <summary>Ed25519 key handling, signing and verification over OpenSSL EVP_PKEY handles.</summary>
internal static unsafe class OpenSslEd25519
{
    internal const int PublicKeyLength = 32;
    internal const int PrivateKeyLength = 32;
    internal const int SignatureLength = 64;

    internal static EvpPkeyHandle Generate()
    {
        using EvpPkeyCtxHandle ctx = LibCrypto.EVP_PKEY_CTX_new_id(LibCrypto.EvpPkeyEd25519, IntPtr.Zero);
        if (ctx.IsInvalid || LibCrypto.EVP_PKEY_keygen_init(ctx) != 1)
        {
            throw Failure("Ed25519 key generation failed.");
        }

        if (LibCrypto.EVP_PKEY_keygen(ctx, out EvpPkeyHandle key) != 1 || key.IsInvalid)
        {
            key.Dispose();
            throw Failure("Ed25519 key generation failed.");
        }

        return key;
    }

    /// <summary>Builds a key from a 32-byte seed; returns null when OpenSSL refuses it.</summary>
    internal static EvpPkeyHandle? FromRawPrivateKey(ReadOnlySpan<byte> seed)
    {
        fixed (byte* s = seed)
        {
            return Checked(LibCrypto.EVP_PKEY_new_raw_private_key(LibCrypto.EvpPkeyEd25519, IntPtr.Zero, s, (nuint)seed.Length));
        }
    }

    /// <summary>Builds a key from a 32-byte public key; returns null when OpenSSL refuses it.</summary>
    internal static EvpPkeyHandle? FromRawPublicKey(ReadOnlySpan<byte> publicKey)
    {
        fixed (byte* p = publicKey)
        {
            return Checked(LibCrypto.EVP_PKEY_new_raw_public_key(LibCrypto.EvpPkeyEd25519, IntPtr.Zero, p, (nuint)publicKey.Length));
        }
    }

    /// <summary>Parses a DER PKCS#8 private key; null unless it is exactly one Ed25519 key.</summary>
    internal static EvpPkeyHandle? DecodePkcs8(ReadOnlySpan<byte> der)
    {
        if (der.IsEmpty)
        {
            return null;
        }

        fixed (byte* start = der)
        {
            byte* cursor = start;
            EvpPkeyHandle key = LibCrypto.d2i_AutoPrivateKey(IntPtr.Zero, ref cursor, new CLong(der.Length));
            return RequireWholeEd25519(key, cursor - start, der.Length);
        }
    }

    /// <summary>Parses a DER SubjectPublicKeyInfo; null unless it is exactly one Ed25519 key.</summary>
    internal static EvpPkeyHandle? DecodeSubjectPublicKeyInfo(ReadOnlySpan<byte> der)
    {
        if (der.IsEmpty)
        {
            return null;
        }

        fixed (byte* start = der)
        {
            byte* cursor = start;
            EvpPkeyHandle key = LibCrypto.d2i_PUBKEY(IntPtr.Zero, ref cursor, new CLong(der.Length));
            return RequireWholeEd25519(key, cursor - start, der.Length);
        }
    }

    internal static byte[] ExportPkcs8(EvpPkeyHandle key)
    {
        byte* buffer = null;
        int length = LibCrypto.i2d_PrivateKey(key, ref buffer);
        if (length <= 0 || buffer == null)
        {
            throw Failure("Ed25519 private key export failed.");
        }

        try
        {
            return new ReadOnlySpan<byte>(buffer, length).ToArray();
        }
        finally
        {
            // OpenSSL's copy holds the seed; cleanse it before it goes back to the allocator.
            LibCrypto.CRYPTO_clear_free(buffer, (nuint)length, null, 0);
        }
    }

    internal static byte[] ExportSubjectPublicKeyInfo(EvpPkeyHandle key)
    {
        byte* buffer = null;
        int length = LibCrypto.i2d_PUBKEY(key, ref buffer);
        if (length <= 0 || buffer == null)
        {
            throw Failure("Ed25519 public key export failed.");
        }

        try
        {
            return new ReadOnlySpan<byte>(buffer, length).ToArray();
        }
        finally
        {
            LibCrypto.CRYPTO_free(buffer, null, 0);
        }
    }

    internal static byte[] ExportRawPublicKey(EvpPkeyHandle key)
    {
        byte[] publicKey = new byte[PublicKeyLength];
        nuint length = PublicKeyLength;
        fixed (byte* p = publicKey)
        {
            if (LibCrypto.EVP_PKEY_get_raw_public_key(key, p, ref length) != 1 || length != PublicKeyLength)
            {
                throw Failure("Ed25519 public key export failed.");
            }
        }

        return publicKey;
    }

    internal static byte[] Sign(EvpPkeyHandle key, ReadOnlySpan<byte> data)
    {
        byte[] signature = new byte[SignatureLength];
        using EvpMdCtxHandle ctx = NewDigestContext();
        byte empty = 0;
        fixed (byte* d = data)
        fixed (byte* s = signature)
        {
            nuint length = SignatureLength;

            // Ed25519 hashes internally (PureEdDSA), so no digest is given and the message goes in one shot.
            bool ok = LibCrypto.EVP_DigestSignInit(ctx, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, key) == 1
                && LibCrypto.EVP_DigestSign(ctx, s, ref length, data.IsEmpty ? &empty : d, (nuint)data.Length) == 1
                && length == SignatureLength;
            if (!ok)
            {
                throw Failure("Ed25519 signing failed.");
            }
        }

        return signature;
    }

    internal static bool Verify(EvpPkeyHandle key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != SignatureLength)
        {
            return false;
        }

        using EvpMdCtxHandle ctx = NewDigestContext();
        byte empty = 0;
        fixed (byte* d = data)
        fixed (byte* s = signature)
        {
            bool ok = LibCrypto.EVP_DigestVerifyInit(ctx, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, key) == 1
                && LibCrypto.EVP_DigestVerify(ctx, s, SignatureLength, data.IsEmpty ? &empty : d, (nuint)data.Length) == 1;
            if (!ok)
            {
                LibCrypto.ERR_clear_error();
            }

            return ok;
        }
    }

    private static EvpMdCtxHandle NewDigestContext()
    {
        EvpMdCtxHandle ctx = LibCrypto.EVP_MD_CTX_new();
        if (ctx.IsInvalid)
        {
            ctx.Dispose();
            throw Failure("Could not allocate an OpenSSL digest context.");
        }

        return ctx;
    }

    private static EvpPkeyHandle? Checked(EvpPkeyHandle key)
    {
        if (key.IsInvalid)
        {
            key.Dispose();
            LibCrypto.ERR_clear_error();
            return null;
        }

        return key;
    }

    private static EvpPkeyHandle? RequireWholeEd25519(EvpPkeyHandle key, long consumed, int length)
    {
        // Trailing bytes or another key type mean the input is not what the caller thinks it is.
        if (key.IsInvalid || consumed != length || LibCrypto.EVP_PKEY_get_id(key) != LibCrypto.EvpPkeyEd25519)
        {
            key.Dispose();
            LibCrypto.ERR_clear_error();
            return null;
        }

        return key;
    }

    private static CryptographicException Failure(string message)
    {
        LibCrypto.ERR_clear_error();
        return new CryptographicException(message);
    }
}
