namespace Kavach.Trust.Channel;

/// <summary>Partner onboarding settings (configuration section <c>Kavach:PartnerChannel</c>).</summary>
public sealed class PartnerChannelOptions
{
    /// <summary>Lifetime of a partner's TLS client certificate in days (clipped to the partner TLS CA's).</summary>
    public int TlsCertificateDays { get; set; } = 30;

    /// <summary>Lifetime of the partner TLS CA in days (clipped to ROOT's); a new CA is made when a full client certificate no longer fits.</summary>
    public int CaValidityDays { get; set; } = 1825;

    /// <summary>The trust-store domain of partners onboarded without one.</summary>
    public string DefaultDomain { get; set; } = "AUTH";

    /// <summary>Our application partners talk to when none is named (whose <c>SIGN</c> key and base key they pin).</summary>
    public string DefaultApplicationId { get; set; } = "IDA";

    /// <summary>The reference id of our encryption (base) key handed to partners.</summary>
    public string EncryptionReferenceId { get; set; } = "PARTNER";
}
