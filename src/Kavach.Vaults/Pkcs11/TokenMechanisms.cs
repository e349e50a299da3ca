using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Kavach.Vaults.Pkcs11;

/// <summary>
/// The mechanisms Kavach uses, made once for the process: their parameter blocks live in unmanaged memory the binding
/// owns, and the library reads them during <c>C_*Init</c> calls from any thread, so they must never go.
/// </summary>
internal static class TokenMechanisms
{
    private const ulong PssSaltLength = 32;

    /// <summary>RS256: SHA-256 and PKCS#1 v1.5 inside the token.</summary>
    public static readonly IMechanism Sha256RsaPkcs = Create(CKM.CKM_SHA256_RSA_PKCS);

    /// <summary>PS256: <c>CK_RSA_PKCS_PSS_PARAMS { CKM_SHA256, CKG_MGF1_SHA256, sLen = 32 }</c>.</summary>
    public static readonly IMechanism Sha256RsaPss = Pkcs11Module.Factories.MechanismFactory.Create(
        CKM.CKM_SHA256_RSA_PKCS_PSS,
        Pkcs11Module.Factories.MechanismParamsFactory.CreateCkRsaPkcsPssParams((ulong)CKM.CKM_SHA256, (ulong)CKG.CKG_MGF1_SHA256, PssSaltLength));

    /// <summary>RSA-OAEP with <c>{ CKM_SHA256, CKG_MGF1_SHA256, CKZ_DATA_SPECIFIED, empty label }</c>.</summary>
    public static readonly IMechanism RsaOaepSha256 = Pkcs11Module.Factories.MechanismFactory.Create(
        CKM.CKM_RSA_PKCS_OAEP,
        Pkcs11Module.Factories.MechanismParamsFactory.CreateCkRsaPkcsOaepParams((ulong)CKM.CKM_SHA256, (ulong)CKG.CKG_MGF1_SHA256, (ulong)CKZ.CKZ_DATA_SPECIFIED, null));

    /// <summary>Raw RSA, for tokens without OAEP over SHA-256 (the padding is then removed in software).</summary>
    public static readonly IMechanism RsaX509 = Create(CKM.CKM_RSA_X_509);

    /// <summary>ECDSA over a digest computed outside the token.</summary>
    public static readonly IMechanism Ecdsa = Create(CKM.CKM_ECDSA);

    /// <summary>AES-ECB without padding.</summary>
    public static readonly IMechanism AesEcb = Create(CKM.CKM_AES_ECB);

    /// <summary>RSA key-pair generation.</summary>
    public static readonly IMechanism RsaKeyPairGen = Create(CKM.CKM_RSA_PKCS_KEY_PAIR_GEN);

    /// <summary>EC key-pair generation.</summary>
    public static readonly IMechanism EcKeyPairGen = Create(CKM.CKM_EC_KEY_PAIR_GEN);

    /// <summary>AES key generation.</summary>
    public static readonly IMechanism AesKeyGen = Create(CKM.CKM_AES_KEY_GEN);

    private static IMechanism Create(CKM type) => Pkcs11Module.Factories.MechanismFactory.Create(type);
}
