using System.Runtime.InteropServices;

namespace Kavach.Vaults.Pkcs11.Interop;

/// <summary>
/// The constant mechanism parameter blocks Kavach uses, in unmanaged memory allocated once for the process (a few
/// dozen bytes; the library reads them during <c>C_*Init</c> calls from any thread, so they must never move or go).
/// </summary>
internal static class MechanismParameters
{
    private const int PssSaltLength = 32;

    /// <summary><c>CK_RSA_PKCS_PSS_PARAMS { CKM_SHA256, CKG_MGF1_SHA256, sLen = 32 }</c>: PS256.</summary>
    public static readonly IntPtr PssSha256 = Allocate(CkMechanismType.Sha256, CkMechanismType.Mgf1Sha256, PssSaltLength);

    /// <summary><c>CK_RSA_PKCS_OAEP_PARAMS { CKM_SHA256, CKG_MGF1_SHA256, CKZ_DATA_SPECIFIED, NULL, 0 }</c>: empty label.</summary>
    public static readonly IntPtr OaepSha256 = Allocate(CkMechanismType.Sha256, CkMechanismType.Mgf1Sha256, CkMechanismType.OaepSourceData, 0, 0);

    /// <summary>SHA256-RSA-PKCS-PSS with <see cref="PssSha256"/>.</summary>
    public static NativeMechanism Sha256RsaPss => new(CkMechanismType.Sha256RsaPkcsPss, PssSha256, 3 * (nuint)IntPtr.Size);

    /// <summary>RSA-PKCS-OAEP with <see cref="OaepSha256"/>.</summary>
    public static NativeMechanism RsaOaepSha256 => new(CkMechanismType.RsaPkcsOaep, OaepSha256, 5 * (nuint)IntPtr.Size);

    private static IntPtr Allocate(params nuint[] words)
    {
        var block = Marshal.AllocHGlobal(words.Length * IntPtr.Size);
        for (var i = 0; i < words.Length; i++)
        {
            Marshal.WriteIntPtr(block, i * IntPtr.Size, (IntPtr)words[i]);
        }

        return block;
    }
}
