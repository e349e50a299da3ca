namespace Kavach.Devices.Authority;

/// <summary>Settings of the device CA, the device certificates it issues and the device server's message keys (spec §4.1, §4.13.4).</summary>
public sealed class DeviceAuthorityOptions
{
    /// <summary>Validity of a new device CA certificate in days (spec: 3–5 years); at least 12 months more than <see cref="RolloverLeadDays"/> is enforced.</summary>
    public int CaValidityDays { get; set; } = 5 * 365;

    /// <summary>A successor CA is made when the current one has fewer than this many days left (default 13 months, so MOSIP always holds a CA with ≥ 12 months of validity).</summary>
    public int RolloverLeadDays { get; set; } = 395;

    /// <summary>
    /// How long a successor CA waits between being made and issuing its first certificate: the time an operator has to
    /// upload it to MOSIP PMS (domain <c>DEVICE</c>), whose trust store is cached for 120 minutes (§4.13.4).
    /// </summary>
    public TimeSpan PublishLeadTime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Device certificate lifetime in days (MOSIP's recommended device-key rotation is 30 days).</summary>
    public int CertificateDays { get; set; } = 30;

    /// <summary>The CRL distribution point written into device certificates (the public URL of <c>GET /pki/crl</c>); none when null.</summary>
    public Uri? CrlUrl { get; set; }

    /// <summary>How far ahead a CRL's nextUpdate lies (spec: 7 days).</summary>
    public TimeSpan CrlValidity { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Validity of a server signing or encryption key's certificate in days; a new key is made when fewer than <see cref="ServerKeyRolloverDays"/> remain.</summary>
    public int ServerKeyValidityDays { get; set; } = 365;

    /// <summary>Days before a server key's expiry when its successor is made; the previous encryption key stays accepted until it expires.</summary>
    public int ServerKeyRolloverDays { get; set; } = 30;
}
