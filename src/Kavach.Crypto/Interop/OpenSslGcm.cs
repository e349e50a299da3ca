using System.Security.Cryptography;

namespace Kavach.Crypto.Interop;

/// <summary>AES-GCM through OpenSSL's EVP interface, for IV lengths .NET's <c>AesGcm</c> refuses.</summary>
/// <remarks>
/// Callers validate lengths first; this class assumes a 16/24/32-byte key, an IV of 1..128 bytes
/// (OpenSSL's own ceiling) and destinations of the right size. One cipher context is kept per
/// thread so the hot path allocates nothing; it is reset after every call, which makes OpenSSL
/// free and cleanse the key schedule, so no key material outlives the call.
/// </remarks>
internal static unsafe class OpenSslGcm
{
    /// <summary>The largest IV OpenSSL's GCM provider accepts.</summary>
    internal const int MaxIvLength = 128;

    // Fetched once: with OpenSSL 3 the legacy EVP_aes_*_gcm() objects trigger an implicit,
    // lock-taking fetch on every init, which is measurably slower on a hot path.
    private static readonly IntPtr Aes128Gcm = Fetch("AES-128-GCM");
    private static readonly IntPtr Aes192Gcm = Fetch("AES-192-GCM");
    private static readonly IntPtr Aes256Gcm = Fetch("AES-256-GCM");

    [ThreadStatic]
    private static EvpCipherCtxHandle? t_context;

    internal static void Encrypt(
        ReadOnlySpan<byte> key,
        ReadOnlySpan<byte> iv,
        ReadOnlySpan<byte> plaintext,
        ReadOnlySpan<byte> aad,
        Span<byte> ciphertext,
        Span<byte> tag)
    {
        EvpCipherCtxHandle ctx = RentContext();
        try
        {
            fixed (byte* k = key)
            fixed (byte* n = iv)
            fixed (byte* p = plaintext)
            fixed (byte* a = aad)
            fixed (byte* c = ciphertext)
            fixed (byte* t = tag)
            {
                bool ok = LibCrypto.EVP_EncryptInit_ex(ctx, CipherFor(key.Length), IntPtr.Zero, null, null) == 1
                    && LibCrypto.EVP_CIPHER_CTX_ctrl(ctx, LibCrypto.EvpCtrlGcmSetIvLen, iv.Length, null) == 1
                    && LibCrypto.EVP_EncryptInit_ex(ctx, IntPtr.Zero, IntPtr.Zero, k, n) == 1;

                // A null output pointer is how EVP is told the input is AAD.
                if (ok && !aad.IsEmpty)
                {
                    ok = LibCrypto.EVP_EncryptUpdate(ctx, null, out _, a, aad.Length) == 1;
                }

                int written = 0;
                if (ok && !plaintext.IsEmpty)
                {
                    ok = LibCrypto.EVP_EncryptUpdate(ctx, c, out written, p, plaintext.Length) == 1
                        && written == plaintext.Length;
                }

                // GCM's final step writes nothing, but EVP still wants somewhere to point at.
                byte scratch = 0;
                byte* tail = ciphertext.IsEmpty ? &scratch : c + written;
                ok = ok
                    && LibCrypto.EVP_EncryptFinal_ex(ctx, tail, out int finalWritten) == 1
                    && finalWritten == 0
                    && LibCrypto.EVP_CIPHER_CTX_ctrl(ctx, LibCrypto.EvpCtrlGcmGetTag, tag.Length, t) == 1;

                if (!ok)
                {
                    LibCrypto.ERR_clear_error();
                    CryptographicOperations.ZeroMemory(ciphertext);
                    CryptographicOperations.ZeroMemory(tag);
                    throw new CryptographicException("AES-GCM encryption failed.");
                }
            }
        }
        finally
        {
            ReturnContext(ctx);
        }
    }

    /// <summary>Decrypts and authenticates; on failure the destination is zeroed and false returned.</summary>
    internal static bool TryDecrypt(
        ReadOnlySpan<byte> key,
        ReadOnlySpan<byte> iv,
        ReadOnlySpan<byte> ciphertext,
        ReadOnlySpan<byte> tag,
        ReadOnlySpan<byte> aad,
        Span<byte> plaintext)
    {
        EvpCipherCtxHandle ctx = RentContext();
        bool ok;
        try
        {
            fixed (byte* k = key)
            fixed (byte* n = iv)
            fixed (byte* c = ciphertext)
            fixed (byte* t = tag)
            fixed (byte* a = aad)
            fixed (byte* p = plaintext)
            {
                ok = LibCrypto.EVP_DecryptInit_ex(ctx, CipherFor(key.Length), IntPtr.Zero, null, null) == 1
                    && LibCrypto.EVP_CIPHER_CTX_ctrl(ctx, LibCrypto.EvpCtrlGcmSetIvLen, iv.Length, null) == 1
                    && LibCrypto.EVP_DecryptInit_ex(ctx, IntPtr.Zero, IntPtr.Zero, k, n) == 1;

                if (ok && !aad.IsEmpty)
                {
                    ok = LibCrypto.EVP_DecryptUpdate(ctx, null, out _, a, aad.Length) == 1;
                }

                int written = 0;
                if (ok && !ciphertext.IsEmpty)
                {
                    ok = LibCrypto.EVP_DecryptUpdate(ctx, p, out written, c, ciphertext.Length) == 1
                        && written == ciphertext.Length;
                }

                // SET_TAG only reads through the pointer, so handing it read-only memory is safe.
                byte scratch = 0;
                byte* tail = plaintext.IsEmpty ? &scratch : p + written;
                ok = ok
                    && LibCrypto.EVP_CIPHER_CTX_ctrl(ctx, LibCrypto.EvpCtrlGcmSetTag, tag.Length, t) == 1
                    && LibCrypto.EVP_DecryptFinal_ex(ctx, tail, out int finalWritten) == 1
                    && finalWritten == 0;
            }
        }
        finally
        {
            ReturnContext(ctx);
        }

        if (!ok)
        {
            LibCrypto.ERR_clear_error();
            CryptographicOperations.ZeroMemory(plaintext);
        }

        return ok;
    }

    private static IntPtr CipherFor(int keyLength) => keyLength switch
    {
        16 => Aes128Gcm,
        24 => Aes192Gcm,
        32 => Aes256Gcm,
        _ => throw new ArgumentOutOfRangeException(nameof(keyLength)),
    };

    private static EvpCipherCtxHandle RentContext()
    {
        EvpCipherCtxHandle? ctx = t_context;
        if (ctx is not null)
        {
            // A nested call on the same thread (none exists today) must not share the context.
            t_context = null;
            return ctx;
        }

        ctx = LibCrypto.EVP_CIPHER_CTX_new();
        if (ctx.IsInvalid)
        {
            ctx.Dispose();
            throw new CryptographicException("Could not allocate an OpenSSL cipher context.");
        }

        return ctx;
    }

    private static void ReturnContext(EvpCipherCtxHandle ctx)
    {
        // Reset frees the provider's GCM state with OPENSSL_clear_free, wiping the key schedule.
        if (LibCrypto.EVP_CIPHER_CTX_reset(ctx) == 1 && t_context is null)
        {
            t_context = ctx;
        }
        else
        {
            LibCrypto.ERR_clear_error();
            ctx.Dispose();
        }
    }

    private static IntPtr Fetch(string algorithm)
    {
        IntPtr cipher = LibCrypto.EVP_CIPHER_fetch(IntPtr.Zero, algorithm, IntPtr.Zero);
        if (cipher == IntPtr.Zero)
        {
            LibCrypto.ERR_clear_error();
            throw new CryptographicException("OpenSSL does not provide " + algorithm + ".");
        }

        return cipher;
    }
}
