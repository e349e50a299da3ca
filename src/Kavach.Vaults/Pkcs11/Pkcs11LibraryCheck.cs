using System.Runtime.InteropServices;

namespace Kavach.Vaults.Pkcs11;

/// <summary>
/// Checks, without touching any token, that the configured library is a PKCS#11 module this process can load: a
/// missing file or a library that is not PKCS#11 is a configuration error no retry fixes.
/// </summary>
internal static class Pkcs11LibraryCheck
{
    /// <exception cref="VaultConfigurationException">The library is missing, not loadable, or exports no <c>C_GetFunctionList</c>.</exception>
    public static void Check(string library)
    {
        const string Option = nameof(Pkcs11VaultOptions.Library);

        // A path must name a file; a bare name (libsofthsm2.so) is left to the dynamic loader's search.
        if (library.Contains('/', StringComparison.Ordinal) && !File.Exists(library))
        {
            throw new VaultConfigurationException(Option, "the PKCS#11 library does not exist or is not a regular file.");
        }

        // Loading maps the code only; C_Initialize (which may reach a networked HSM) waits for the first connection.
        // The handle is kept: the library is never unloaded (see Pkcs11Module).
        if (!NativeLibrary.TryLoad(library, out var handle))
        {
            throw new VaultConfigurationException(Option, "the PKCS#11 library cannot be loaded (not a shared library for this platform, or a dependency is missing).");
        }

        if (!NativeLibrary.TryGetExport(handle, "C_GetFunctionList", out _))
        {
            throw new VaultConfigurationException(Option, "the library is not a PKCS#11 module (it has no C_GetFunctionList).");
        }
    }
}
