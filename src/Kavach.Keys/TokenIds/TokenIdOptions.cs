namespace Kavach.Keys.TokenIds;

/// <summary>Token ID settings (configuration section <c>Kavach:TokenId</c>). The salts are secrets: never logged.</summary>
public sealed class TokenIdOptions
{
    /// <summary><c>mosip.kernel.tokenid.uin.salt</c>.</summary>
    public string? UinSalt { get; set; }

    /// <summary><c>mosip.kernel.tokenid.partnercode.salt</c>.</summary>
    public string? PartnerCodeSalt { get; set; }

    /// <summary>Digits kept (<c>mosip.kernel.tokenid.length</c>, 36).</summary>
    public int Length { get; set; } = 36;

    /// <summary><c>1.2.1</c> (default: what deployed systems issued) or <c>1.3.0</c> (double SHA-256 per step).</summary>
    public string Algorithm { get; set; } = "1.2.1";
}
