namespace Kavach.Devices.Repository.Whitelist;

/// <summary>The whitelist batch file format (documented in docs/devices/repository.md).</summary>
public static class WhitelistBatchFormat
{
    /// <summary>The JWS <c>typ</c> a batch must carry: a signed blob of another kind cannot pass as a batch.</summary>
    public const string Type = "kavach-whitelist+jws";

    /// <summary>The only signature algorithm accepted.</summary>
    public const string Algorithm = "RS256";

    /// <summary>The smallest RSA key accepted for the factory signature.</summary>
    public const int MinRsaKeyBits = 2048;

    /// <summary>MOSIP's environments.</summary>
    public static readonly IReadOnlySet<string> Environments = new HashSet<string>(["Staging", "Developer", "Pre-Production", "Production"], StringComparer.Ordinal);
}
