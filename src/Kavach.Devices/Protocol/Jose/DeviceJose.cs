namespace Kavach.Devices.Protocol.Jose;

/// <summary>The only JOSE algorithms and header values the device protocol knows (spec §4.3, RFC 8725 §3.1).</summary>
public static class DeviceJose
{
    /// <summary>The only JWS algorithm: RSASSA-PKCS1-v1_5 with SHA-256 (MOSIP's FTMs and CTK require it).</summary>
    public const string Rs256 = "RS256";

    /// <summary>The only JWE key-management algorithm.</summary>
    public const string RsaOaep256 = "RSA-OAEP-256";

    /// <summary>The only JWE content encryption.</summary>
    public const string A256Gcm = "A256GCM";

    /// <summary>The JWE <c>cty</c>: the plaintext is a nested JWS.</summary>
    public const string NestedJwt = "JWT";

    /// <summary>The <c>typ</c> of a digital id (MOSIP's, unchanged).</summary>
    public const string DigitalIdType = "JWT";

    /// <summary>RSA keys below this many bits are refused everywhere (RFC 7518 §3.3; spec §5.2 "RSA 1024").</summary>
    public const int MinimumRsaKeySize = 2048;

    /// <summary>Content-encryption key size in bytes (A256GCM).</summary>
    public const int CekSize = 32;

    /// <summary>AES-GCM IV size in bytes.</summary>
    public const int IvSize = 12;

    /// <summary>AES-GCM tag size in bytes.</summary>
    public const int TagSize = 16;

    /// <summary>The most certificates an <c>x5c</c> may carry anywhere (leaf plus intermediates); the uplink allows one.</summary>
    public const int MaxChainLength = 4;
}
