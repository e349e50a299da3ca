namespace Kavach.Devices.Enrolment;

/// <summary>Settings of enrolment (spec §4.5, §4.13.2).</summary>
public sealed class EnrolmentOptions
{
    /// <summary>How long a challenge nonce stays valid (spec: 5 minutes).</summary>
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The allowed distance between a message's timestamp and the server clock (spec: ±120 s; capped at 300 s).</summary>
    public TimeSpan TimestampWindow { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>The allowed distance between a digital id's <c>dateTime</c> and the server clock (spec §4.3: ±300 s).</summary>
    public TimeSpan DigitalIdWindow { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>The longest validity an FTM chip certificate may have (MOSIP: 20 years from manufacture).</summary>
    public TimeSpan MaxFtmCertificateValidity { get; set; } = TimeSpan.FromDays((20 * 365) + 5);

    /// <summary>The trust-store domain holding the approved FTM roots.</summary>
    public string FtmTrustDomain { get; set; } = "FTM";

    /// <summary>A certificate not confirmed within this time is revoked by <see cref="EnrolmentService.RevokeUnconfirmedAsync"/> (spec: 24 h).</summary>
    public TimeSpan ConfirmWithin { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Seconds between check-ins sent in the enrolment result's policy.</summary>
    public int CheckinSeconds { get; set; } = 900;

    /// <summary>Certificate age at which rotation is due, sent in the policy.</summary>
    public int RotateAfterDays { get; set; } = 20;

    /// <summary>How long a signed response stays valid.</summary>
    public TimeSpan ResponseLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
