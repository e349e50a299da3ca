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
/// <para>
/// Engine instances by epoch, never listed, never finished. libp11 caches a slot's keys by PKCS#11 object handle and
/// never re-reads an object whose handle it knows, while tpm2-pkcs11 hands the handles of a destroyed key to the next
/// key made: one long-lived instance would open a stale key or none ("failed loading private key"). So the object set
/// has an epoch, bumped by every key created or destroyed (<see cref="ObjectsChanged"/>), and keys are opened through
/// an instance made in the current epoch, whose libp11 context enumerates the token afresh.
/// </para>
/// <para>
/// Each instance is an <c>ENGINE_new</c> bound by the engine's own <c>bind_engine</c> and never added to OpenSSL's
/// engine list, which holds one instance per id (a second gives "conflicting engine id"); OpenSSL's dynamic loader
/// would refuse a second instance anyway (see <see cref="Binder"/>). Its module comes from the <c>MODULE_PATH</c>
/// control, not the environment.
/// </para>
/// <para>
/// Old instances are never finished or freed, on purpose: libp11 calls <c>C_Finalize</c> when an instance's context is
/// unloaded, which would tear down the Cryptoki state our Pkcs11Interop session shares (one per process, see
/// <see cref="TpmModule"/>) and the keys still in use from that instance; and releasing the instance's key cache
/// (as <c>RE_ENUMERATE</c> does) frees objects that live EVP_PKEYs point into. The cost is a bounded leak of one
/// engine instance (a libp11 context with an open session) per create or destroy that is followed by an open; an
/// agent makes and destroys a key at enrollment and at each rotation. A new instance's <c>C_Initialize</c> gets
/// <c>CKR_CRYPTOKI_ALREADY_INITIALIZED</c>, which libp11 accepts (and the tests exercise).
/// </para>
/// </remarks>
internal static class TpmEngine
{
    private const string EngineId = "pkcs11";
    private const string EnginePackage = "libengine-pkcs11-openssl";
    private static readonly Lock Gate = new();

    // Per module path: the epoch its instance was made in, and the instance (an initialised ENGINE*, never released).
    private static readonly Dictionary<string, (long Epoch, IntPtr Engine)> Instances = new(StringComparer.Ordinal);
    private static long _epoch;
    private static string? _enginePath;
    private static NativeMethods.BindEngine? _bind;

    /// <summary>Records that the token's object set changed (a key made or destroyed): later opens use a new instance.</summary>
    public static void ObjectsChanged()
    {
        lock (Gate)
        {
            _epoch++;
        }
    }

    /// <summary>Opens the private key <paramref name="label"/> on token <paramref name="token"/> as an RSA that uses the TPM.</summary>
    /// <exception cref="TpmUnavailableException">The engine (libengine-pkcs11-openssl) cannot be loaded or initialised.</exception>
    /// <exception cref="CryptographicException">The engine could not find or log in to the key.</exception>
    public static RSA OpenPrivateKey(string modulePath, string token, string label, ReadOnlySpan<byte> pin)
    {
        var engine = Current(modulePath);
        var uri = BuildUri(token, label, pin);
        // The key id goes to OpenSSL as our own NUL-terminated bytes (the URI is ASCII after percent-encoding), not as a
        // marshalled copy of the string, so that the native copy with the PIN in it is wiped too.
        var keyId = GC.AllocateArray<byte>(uri.Length + 1, pinned: true);
        try
        {
            Encoding.ASCII.GetBytes(uri, keyId);
            NativeMethods.ErrClearError();
            var key = NativeMethods.EngineLoadPrivateKey(engine, keyId, IntPtr.Zero, IntPtr.Zero);
            if (key == IntPtr.Zero)
            {
                throw new CryptographicException("OpenSSL's pkcs11 engine could not load the private key (" + LastError() + ").");
            }

            // RSAOpenSsl takes its own reference to the EVP_PKEY; ours goes with the handle.
            using var handle = new SafeEvpPKeyHandle(key, ownsHandle: true);
            return new RSAOpenSsl(handle);
        }
        finally
        {
            // The URI is a string of our own (never interned), so its characters can be wiped in place.
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(MemoryMarshal.AsMemory(uri.AsMemory()).Span));
            CryptographicOperations.ZeroMemory(keyId);
        }
    }

    // The instance of the current epoch for the module, made on first need.
    private static IntPtr Current(string modulePath)
    {
        lock (Gate)
        {
            if (Instances.TryGetValue(modulePath, out var instance) && instance.Epoch == _epoch)
            {
                return instance.Engine;
            }

            var engine = NewInstance(modulePath);
            // The instance it replaces stays initialised and referenced for the life of the process (see remarks).
            Instances[modulePath] = (_epoch, engine);
            return engine;
        }
    }

    private static IntPtr NewInstance(string modulePath)
    {
        var bind = Binder();
        var engine = NativeMethods.EngineNew();
        if (engine == IntPtr.Zero)
        {
            throw new TpmUnavailableException("OpenSSL could not allocate an engine (" + LastError() + ").");
        }

        // What OpenSSL's dynamic loader hands an engine: our libcrypto's static state (the same as the engine's, so it
        // installs no callbacks of its own) and memory functions.
        var fns = new NativeMethods.DynamicFns { StaticState = NativeMethods.EngineGetStaticState() };
        NativeMethods.CryptoGetMemFunctions(out fns.Malloc, out fns.Realloc, out fns.Free);
        if (bind(engine, EngineId, ref fns) != 1)
        {
            var error = LastError();
            _ = NativeMethods.EngineFree(engine);
            throw new TpmUnavailableException($"OpenSSL's pkcs11 engine {_enginePath} did not bind ({error}); install {EnginePackage}.");
        }

        if (NativeMethods.EngineCtrlCmdString(engine, "MODULE_PATH", modulePath, 0) != 1 || NativeMethods.EngineInit(engine) != 1)
        {
            // Not initialised, so freeing it finalises nothing.
            var error = LastError();
            _ = NativeMethods.EngineFree(engine);
            throw new TpmUnavailableException($"OpenSSL's pkcs11 engine did not initialise with the module {modulePath} ({error}).");
        }

        // The structural reference (ENGINE_new) and the functional one (ENGINE_init) are never released (see remarks).
        return engine;
    }

    // The engine's bind_engine entry point, from its shared object loaded once and kept for the process. OpenSSL's
    // dynamic loader (ENGINE_by_id("dynamic") + LOAD) binds one live instance per shared object only: it records the
    // entry point's address and refuses a second engine with the same one ("init failed"), listed or not. So each
    // instance is an ENGINE_new bound by the entry point directly, which is all that loader does besides that record.
    private static NativeMethods.BindEngine Binder()
    {
        if (_bind is not null)
        {
            return _bind;
        }

        _enginePath ??= FindEngine();
        if (!NativeLibrary.TryLoad(_enginePath, out var library)
            || !NativeLibrary.TryGetExport(library, "v_check", out var versionCheck)
            || !NativeLibrary.TryGetExport(library, "bind_engine", out var bindEngine))
        {
            throw new TpmUnavailableException($"OpenSSL's pkcs11 engine {_enginePath} cannot be loaded; install {EnginePackage}.");
        }

        // The same version handshake as OpenSSL's loader: the engine must speak this OpenSSL's dynamic-engine ABI.
        var version = Marshal.GetDelegateForFunctionPointer<NativeMethods.VersionCheck>(versionCheck)(new CULong(NativeMethods.DynamicVersion));
        if (version.Value < NativeMethods.DynamicOldest)
        {
            throw new TpmUnavailableException($"OpenSSL's pkcs11 engine {_enginePath} is built for another OpenSSL; reinstall {EnginePackage}.");
        }

        _bind = Marshal.GetDelegateForFunctionPointer<NativeMethods.BindEngine>(bindEngine);
        return _bind;
    }

    // The engine's shared object in OpenSSL's engines directory (OPENSSL_ENGINES overrides it, as for OpenSSL itself).
    private static string FindEngine()
    {
        var directory = Environment.GetEnvironmentVariable("OPENSSL_ENGINES");
        if (string.IsNullOrEmpty(directory))
        {
            directory = Marshal.PtrToStringUTF8(NativeMethods.OpenSslInfo(NativeMethods.OpenSslInfoEnginesDir));
        }

        if (!string.IsNullOrEmpty(directory))
        {
            foreach (var name in (ReadOnlySpan<string>)["pkcs11.so", "libpkcs11.so"])
            {
                var path = Path.Combine(directory, name);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        throw new TpmUnavailableException($"OpenSSL's pkcs11 engine is not in {directory ?? "OpenSSL's engines directory"}; install {EnginePackage}.");
    }

    // OpenSSL's error strings name the library and reason only (never the URI or PIN); the queue is left empty.
    private static string LastError()
    {
        var code = NativeMethods.ErrGetError();
        NativeMethods.ErrClearError();
        if (code.Value == 0)
        {
            return "no OpenSSL error recorded";
        }

        var buffer = new byte[256];
        NativeMethods.ErrErrorStringN(code, buffer, (nuint)buffer.Length);
        var end = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, end < 0 ? buffer.Length : end);
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
        public const int OpenSslInfoEnginesDir = 1002;
        private const string LibCrypto = "libcrypto.so.3";

        [DllImport(LibCrypto, EntryPoint = "OPENSSL_info")]
        public static extern IntPtr OpenSslInfo(int type);

        // OSSL_DYNAMIC_VERSION and OSSL_DYNAMIC_OLDEST of OpenSSL 3 (openssl/engine.h).
        public const uint DynamicVersion = 0x00030000;
        public const uint DynamicOldest = 0x00030000;

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        public delegate CULong VersionCheck(CULong version);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        public delegate int BindEngine(IntPtr engine, [MarshalAs(UnmanagedType.LPUTF8Str)] string id, ref DynamicFns fns);

        // dynamic_fns of openssl/engine.h: the static state, then malloc, realloc and free.
        [StructLayout(LayoutKind.Sequential)]
        public struct DynamicFns
        {
            public IntPtr StaticState;
            public IntPtr Malloc;
            public IntPtr Realloc;
            public IntPtr Free;
        }

        [DllImport(LibCrypto, EntryPoint = "ENGINE_new")]
        public static extern IntPtr EngineNew();

        [DllImport(LibCrypto, EntryPoint = "ENGINE_get_static_state")]
        public static extern IntPtr EngineGetStaticState();

        [DllImport(LibCrypto, EntryPoint = "CRYPTO_get_mem_functions")]
        public static extern void CryptoGetMemFunctions(out IntPtr malloc, out IntPtr realloc, out IntPtr free);

        [DllImport(LibCrypto, EntryPoint = "ENGINE_ctrl_cmd_string")]
        public static extern int EngineCtrlCmdString(IntPtr engine, [MarshalAs(UnmanagedType.LPUTF8Str)] string command, [MarshalAs(UnmanagedType.LPUTF8Str)] string? argument, int optional);

        [DllImport(LibCrypto, EntryPoint = "ENGINE_init")]
        public static extern int EngineInit(IntPtr engine);

        [DllImport(LibCrypto, EntryPoint = "ENGINE_free")]
        public static extern int EngineFree(IntPtr engine);

        // keyId: a NUL-terminated pinned byte array, passed without a copy (see OpenPrivateKey).
        [DllImport(LibCrypto, EntryPoint = "ENGINE_load_private_key")]
        public static extern IntPtr EngineLoadPrivateKey(IntPtr engine, byte[] keyId, IntPtr uiMethod, IntPtr callbackData);

        [DllImport(LibCrypto, EntryPoint = "ERR_get_error")]
        public static extern CULong ErrGetError();

        [DllImport(LibCrypto, EntryPoint = "ERR_clear_error")]
        public static extern void ErrClearError();

        [DllImport(LibCrypto, EntryPoint = "ERR_error_string_n")]
        public static extern void ErrErrorStringN(CULong code, byte[] buffer, nuint length);
    }
}
