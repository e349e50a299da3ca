using System.Runtime.InteropServices;

namespace Kavach.Crypto.Argon2;

/// <summary>The one entry point of the reference Argon2 library (Debian <c>libargon2-1</c>) Kavach needs.</summary>
/// <remarks>MOSIP's <c>argon2-jvm</c> binds the same C library, so hashes match it by construction.</remarks>
internal static unsafe partial class LibArgon2
{
    internal const int Ok = 0;

    private const string Library = "libargon2.so.1";

    /// <summary>Argon2id, version 0x13, no secret and no associated data; returns 0 (ARGON2_OK) or a negative error code.</summary>
    [LibraryImport(Library)]
    internal static partial int argon2id_hash_raw(
        uint t_cost,
        uint m_cost,
        uint parallelism,
        byte* pwd,
        nuint pwdlen,
        byte* salt,
        nuint saltlen,
        byte* hash,
        nuint hashlen);
}
