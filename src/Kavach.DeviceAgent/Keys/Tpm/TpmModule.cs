using System.Runtime.InteropServices;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Kavach.DeviceAgent.Keys.Tpm;

/// <summary>
/// The tpm2-pkcs11 module, loaded and initialised once per path and process and never finalised: Cryptoki's state is
/// per process, several stores may name one module, and OpenSSL's pkcs11 engine shares that state (see <see cref="TpmEngine"/>).
/// </summary>
internal static class TpmModule
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, IPkcs11Library> Loaded = new(StringComparer.Ordinal);

    // Not in Pkcs11Interop: it imports dlopen from "libdl", which glibc 2.34+ no longer ships under that name (the
    // functions moved into libc); its maintainer's advice is to map the name in the application (issue #239).
    static TpmModule() => NativeLibrary.SetDllImportResolver(typeof(Pkcs11InteropFactories).Assembly, ResolveLibdl);

    /// <summary>The binding's factories (stateless).</summary>
    public static Pkcs11InteropFactories Factories { get; } = new();

    /// <summary>The initialised module at <paramref name="path"/>.</summary>
    /// <exception cref="TpmUnavailableException">It cannot be loaded or initialised.</exception>
    public static IPkcs11Library Get(string path)
    {
        lock (Gate)
        {
            if (Loaded.TryGetValue(path, out var library))
            {
                return library;
            }

            if (!File.Exists(path))
            {
                throw new TpmUnavailableException($"No TPM: the PKCS#11 module {path} does not exist; install libtpm2-pkcs11-1 or set the module path.");
            }

            try
            {
                library = Factories.Pkcs11LibraryFactory.LoadPkcs11Library(Factories, path, AppType.MultiThreaded);
            }
            catch (Exception e) when (e is Pkcs11Exception or DllNotFoundException or BadImageFormatException or EntryPointNotFoundException or UnmanagedException)
            {
                throw new TpmUnavailableException($"No TPM: the PKCS#11 module {path} cannot be loaded or initialised ({Describe(e)}).", e);
            }

            Loaded[path] = library;
            return library;
        }
    }

    private static string Describe(Exception e) => e is Pkcs11Exception p11 ? p11.RV.ToString() : e.GetType().Name;

    private static IntPtr ResolveLibdl(string name, System.Reflection.Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != "libdl")
        {
            return IntPtr.Zero;
        }

        if (NativeLibrary.TryLoad("libc.so.6", out var libc) && NativeLibrary.TryGetExport(libc, "dlopen", out _))
        {
            return libc;
        }

        return NativeLibrary.TryLoad("libdl.so.2", out var libdl) ? libdl : IntPtr.Zero;
    }
}
