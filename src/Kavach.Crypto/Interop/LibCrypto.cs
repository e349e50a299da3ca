using System.Runtime.InteropServices;

namespace Kavach.Crypto.Interop;

/// <summary>The handful of OpenSSL 3 libcrypto entry points Kavach needs beyond what .NET exposes.</summary>
/// <remarks>
/// The runtime's own OpenSSL shim already loads libcrypto.so.3 on Linux, so this binds to the same
/// library instance. Every entry point that can fail leaves entries on OpenSSL's per-thread error
/// queue; callers clear it on failure so stale errors never leak into the runtime's own calls.
/// </remarks>
internal static unsafe partial class LibCrypto
{
    private const string Library = "libcrypto.so.3";

    internal const int EvpCtrlGcmSetIvLen = 0x9;
    internal const int EvpCtrlGcmGetTag = 0x10;
    internal const int EvpCtrlGcmSetTag = 0x11;
    internal const int EvpPkeyEd25519 = 1087;

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr EVP_CIPHER_fetch(IntPtr libraryContext, string algorithm, IntPtr properties);

    [LibraryImport(Library)]
    internal static partial EvpCipherCtxHandle EVP_CIPHER_CTX_new();

    [LibraryImport(Library)]
    internal static partial void EVP_CIPHER_CTX_free(IntPtr ctx);

    [LibraryImport(Library)]
    internal static partial int EVP_CIPHER_CTX_reset(EvpCipherCtxHandle ctx);

    [LibraryImport(Library)]
    internal static partial int EVP_CIPHER_CTX_ctrl(EvpCipherCtxHandle ctx, int type, int arg, void* ptr);

    [LibraryImport(Library)]
    internal static partial int EVP_EncryptInit_ex(EvpCipherCtxHandle ctx, IntPtr cipher, IntPtr engine, byte* key, byte* iv);

    [LibraryImport(Library)]
    internal static partial int EVP_EncryptUpdate(EvpCipherCtxHandle ctx, byte* output, out int outputLength, byte* input, int inputLength);

    [LibraryImport(Library)]
    internal static partial int EVP_EncryptFinal_ex(EvpCipherCtxHandle ctx, byte* output, out int outputLength);

    [LibraryImport(Library)]
    internal static partial int EVP_DecryptInit_ex(EvpCipherCtxHandle ctx, IntPtr cipher, IntPtr engine, byte* key, byte* iv);

    [LibraryImport(Library)]
    internal static partial int EVP_DecryptUpdate(EvpCipherCtxHandle ctx, byte* output, out int outputLength, byte* input, int inputLength);

    [LibraryImport(Library)]
    internal static partial int EVP_DecryptFinal_ex(EvpCipherCtxHandle ctx, byte* output, out int outputLength);

    [LibraryImport(Library)]
    internal static partial EvpPkeyCtxHandle EVP_PKEY_CTX_new_id(int id, IntPtr engine);

    [LibraryImport(Library)]
    internal static partial void EVP_PKEY_CTX_free(IntPtr ctx);

    [LibraryImport(Library)]
    internal static partial int EVP_PKEY_keygen_init(EvpPkeyCtxHandle ctx);

    [LibraryImport(Library)]
    internal static partial int EVP_PKEY_keygen(EvpPkeyCtxHandle ctx, out EvpPkeyHandle pkey);

    [LibraryImport(Library)]
    internal static partial void EVP_PKEY_free(IntPtr pkey);

    [LibraryImport(Library)]
    internal static partial int EVP_PKEY_get_id(EvpPkeyHandle pkey);

    [LibraryImport(Library)]
    internal static partial EvpPkeyHandle EVP_PKEY_new_raw_private_key(int type, IntPtr engine, byte* key, nuint keyLength);

    [LibraryImport(Library)]
    internal static partial EvpPkeyHandle EVP_PKEY_new_raw_public_key(int type, IntPtr engine, byte* key, nuint keyLength);

    [LibraryImport(Library)]
    internal static partial int EVP_PKEY_get_raw_public_key(EvpPkeyHandle pkey, byte* publicKey, ref nuint length);

    [LibraryImport(Library)]
    internal static partial EvpPkeyHandle d2i_AutoPrivateKey(IntPtr existing, ref byte* input, CLong length);

    [LibraryImport(Library)]
    internal static partial EvpPkeyHandle d2i_PUBKEY(IntPtr existing, ref byte* input, CLong length);

    [LibraryImport(Library)]
    internal static partial int i2d_PrivateKey(EvpPkeyHandle pkey, ref byte* output);

    [LibraryImport(Library)]
    internal static partial int i2d_PUBKEY(EvpPkeyHandle pkey, ref byte* output);

    [LibraryImport(Library)]
    internal static partial void CRYPTO_free(void* ptr, byte* file, int line);

    [LibraryImport(Library)]
    internal static partial void CRYPTO_clear_free(void* ptr, nuint length, byte* file, int line);

    [LibraryImport(Library)]
    internal static partial EvpMdCtxHandle EVP_MD_CTX_new();

    [LibraryImport(Library)]
    internal static partial void EVP_MD_CTX_free(IntPtr ctx);

    [LibraryImport(Library)]
    internal static partial int EVP_DigestSignInit(EvpMdCtxHandle ctx, IntPtr pkeyCtx, IntPtr digest, IntPtr engine, EvpPkeyHandle pkey);

    [LibraryImport(Library)]
    internal static partial int EVP_DigestSign(EvpMdCtxHandle ctx, byte* signature, ref nuint signatureLength, byte* data, nuint dataLength);

    [LibraryImport(Library)]
    internal static partial int EVP_DigestVerifyInit(EvpMdCtxHandle ctx, IntPtr pkeyCtx, IntPtr digest, IntPtr engine, EvpPkeyHandle pkey);

    [LibraryImport(Library)]
    internal static partial int EVP_DigestVerify(EvpMdCtxHandle ctx, byte* signature, nuint signatureLength, byte* data, nuint dataLength);

    [LibraryImport(Library)]
    internal static partial void ERR_clear_error();
}
