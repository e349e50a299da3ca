using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Kavach.DeviceAgent.Keys.Tpm;

/// <summary>
/// Opens TPM private keys through OpenSSL's pkcs11 engine (libp11), so that an <see cref="RSA"/> signs inside the TPM
/// and also works as the private key of a TLS client certificate (SslStream hands OpenSSL the EVP_PKEY itself; a
/// managed RSA subclass that called PKCS#11 would sign data but could never authenticate a TLS client).
/// </summary>
/// <remarks>
/// Two things .NET does not do and we do here, each a few lines of interop:
/// <list type="bullet">
/// <item>libp11 picks its PKCS#11 module from the native environment variable <c>PKCS11_MODULE_PATH</c>;
/// <see cref="Environment.SetEnvironmentVariable(string, string?)"/> does not reach the C library's environment, so
/// libc's <c>setenv</c> is called before the engine is first loaded.</item>
/// <item>OpenSSL loads a dynamic engine afresh for every <c>ENGINE_by_id</c> unless it is in its engine list, and
/// libp11 calls <c>C_Finalize</c> when an engine instance is finished. The module is shared with our own
/// Pkcs11Interop session (one Cryptoki state per process), so one engine instance is put in the list and kept
/// initialised for the life of the process: every key then comes from it and nothing finalises the module under us.</item>
/// </list>
/// </remarks>
internal static class TpmEngine
{
    private const string EngineId = "pkcs11";
    private static readonly Lock Gate = new();
    private static string? _module;

    /// <summary>Makes the engine use <paramref name="modulePath"/> and keeps one instance of it loaded; idempotent.</summary>
    /// <exception cref="TpmUnavailableException">The engine (libengine-pkcs11-openssl) cannot be loaded.</exception>
    public static void Prepare(string modulePath)
    {
        lock (Gate)
        {
            if (_module is not null)
            {
                return;
            }

            if (NativeMethods.SetEnv("PKCS11_MODULE_PATH", modulePath, 1) != 0)
            {
                throw new TpmUnavailableException("Could not set PKCS11_MODULE_PATH for the OpenSSL pkcs11 engine.");
            }

            var engine = NativeMethods.EngineById(EngineId);
            if (engine == IntPtr.Zero)
            {
                throw new TpmUnavailableException("OpenSSL's pkcs11 engine cannot be loaded; install libengine-pkcs11-openssl.");
            }

            // ENGINE_add fails harmlessly when an instance is already listed (someone else added one); ours is then
            // still initialised and kept, which is what matters.
            _ = NativeMethods.EngineAdd(engine);
            if (NativeMethods.EngineInit(engine) != 1)
            {
                _ = NativeMethods.EngineFree(engine);
                throw new TpmUnavailableException("OpenSSL's pkcs11 engine did not initialise (module " + modulePath + ").");
            }

            // The structural reference and the functional one above are never released, on purpose (see remarks).
            _module = modulePath;
        }
    }

    /// <summary>Opens the private key <paramref name="label"/> on token <paramref name="token"/> as an RSA that uses the TPM.</summary>
    /// <exception cref="CryptographicException">The engine could not find or log in to the key.</exception>
    public static RSA OpenPrivateKey(string token, string label, ReadOnlySpan<byte> pin)
    {
        var uri = BuildUri(token, label, pin);
        try
        {
            using var handle = SafeEvpPKeyHandle.OpenPrivateKeyFromEngine(EngineId, uri);
            return new RSAOpenSsl(handle);
        }
        finally
        {
            // The URI is a string of our own (never interned), so its characters can be wiped in place.
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(MemoryMarshal.AsMemory(uri.AsMemory()).Span));
        }
    }

    /// <summary>
    /// The RFC 7512 URI of a private key with the PIN in it. libp11 0.4.12 has no <c>pin-source</c>, so
    /// <c>pin-value</c> in this in-memory string is the only way to hand it the PIN: this is the one place that builds
    /// it, it is wiped after use, and it is never logged or put in a message.
    /// </summary>
    internal static string BuildUri(string token, string label, ReadOnlySpan<byte> pin)
    {
        var tokenBytes = Encoding.UTF8.GetBytes(token);
        var labelBytes = Encoding.UTF8.GetBytes(label);
        const string Prefix = "pkcs11:token=";
        const string Object = ";object=";
        const string Private = ";type=private;pin-value=";
        var chars = GC.AllocateArray<char>(Prefix.Length + Object.Length + Private.Length + (3 * (tokenBytes.Length + labelBytes.Length + pin.Length)), pinned: true);
        try
        {
            var length = 0;
            Append(chars, ref length, Prefix);
            Encode(chars, ref length, tokenBytes);
            Append(chars, ref length, Object);
            Encode(chars, ref length, labelBytes);
            Append(chars, ref length, Private);
            Encode(chars, ref length, pin);
            return new string(chars, 0, length);
        }
        finally
        {
            Array.Clear(chars);
        }
    }

    private static void Append(Span<char> destination, ref int length, string text)
    {
        text.CopyTo(destination[length..]);
        length += text.Length;
    }

    // RFC 7512: everything but the unreserved characters is percent-encoded (always allowed, never ambiguous).
    private static void Encode(Span<char> destination, ref int length, ReadOnlySpan<byte> value)
    {
        const string Hex = "0123456789ABCDEF";
        foreach (var b in value)
        {
            if (b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
                or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                destination[length++] = (char)b;
            }
            else
            {
                destination[length++] = '%';
                destination[length++] = Hex[b >> 4];
                destination[length++] = Hex[b & 0xF];
            }
        }
    }

    private static class NativeMethods
    {
        private const string LibCrypto = "libcrypto.so.3";

        [DllImport("libc", EntryPoint = "setenv")]
        public static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);

        [DllImport(LibCrypto, EntryPoint = "ENGINE_by_id")]
        public static extern IntPtr EngineById([MarshalAs(UnmanagedType.LPUTF8Str)] string id);

        [DllImport(LibCrypto, EntryPoint = "ENGINE_add")]
        public static extern int EngineAdd(IntPtr engine);

        [DllImport(LibCrypto, EntryPoint = "ENGINE_init")]
        public static extern int EngineInit(IntPtr engine);

        [DllImport(LibCrypto, EntryPoint = "ENGINE_free")]
        public static extern int EngineFree(IntPtr engine);
    }
}
