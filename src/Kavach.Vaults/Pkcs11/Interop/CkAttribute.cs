namespace Kavach.Vaults.Pkcs11.Interop;

/// <summary>Attribute types (<c>CKA_*</c>) used in templates.</summary>
internal static class CkAttribute
{
    public const nuint Class = 0x000;
    public const nuint Token = 0x001;
    public const nuint Private = 0x002;
    public const nuint Label = 0x003;
    public const nuint Value = 0x011;
    public const nuint CertificateType = 0x080;
    public const nuint Issuer = 0x081;
    public const nuint SerialNumber = 0x082;
    public const nuint KeyType = 0x100;
    public const nuint Subject = 0x101;
    public const nuint Id = 0x102;
    public const nuint Sensitive = 0x103;
    public const nuint Encrypt = 0x104;
    public const nuint Decrypt = 0x105;
    public const nuint Wrap = 0x106;
    public const nuint Unwrap = 0x107;
    public const nuint Sign = 0x108;
    public const nuint Verify = 0x10A;
    public const nuint Derive = 0x10C;
    public const nuint Modulus = 0x120;
    public const nuint ModulusBits = 0x121;
    public const nuint PublicExponent = 0x122;
    public const nuint ValueLen = 0x161;
    public const nuint Extractable = 0x162;
    public const nuint Local = 0x163;
    public const nuint NeverExtractable = 0x164;
    public const nuint AlwaysSensitive = 0x165;
    public const nuint Modifiable = 0x170;
    public const nuint EcParams = 0x180;
    public const nuint EcPoint = 0x181;
}
