namespace Kavach.Vaults.Pkcs11.Interop;

/// <summary>Mechanisms (<c>CKM_*</c>), mask generation functions (<c>CKG_*</c>) and OAEP sources (<c>CKZ_*</c>).</summary>
internal static class CkMechanismType
{
    public const nuint RsaPkcsKeyPairGen = 0x0000;
    public const nuint RsaPkcs = 0x0001;
    public const nuint RsaX509 = 0x0003;
    public const nuint RsaPkcsOaep = 0x0009;
    public const nuint RsaPkcsPss = 0x000D;
    public const nuint Sha256RsaPkcs = 0x0040;
    public const nuint Sha256RsaPkcsPss = 0x0043;
    public const nuint Sha256 = 0x0250;
    public const nuint EcKeyPairGen = 0x1040;
    public const nuint Ecdsa = 0x1041;
    public const nuint AesKeyGen = 0x1080;
    public const nuint AesEcb = 0x1081;

    /// <summary><c>CKG_MGF1_SHA256</c>.</summary>
    public const nuint Mgf1Sha256 = 0x0002;

    /// <summary><c>CKZ_DATA_SPECIFIED</c>.</summary>
    public const nuint OaepSourceData = 0x0001;
}
