namespace Kavach.Trust;

/// <summary>
/// Partner trust store settings (configuration section <c>Kavach:Trust</c>); the defaults are MOSIP's
/// (<c>mosip.kernel.partner.*</c>, spec §12.7).
/// </summary>
public sealed class TrustOptions
{
    /// <summary>Comma-separated partner domains (<c>mosip.kernel.partner.allowed.domains</c>), compared case-insensitively.</summary>
    public string AllowedDomains { get; set; } = "AUTH,DEVICE,FTM,TRUST_CA";

    /// <summary>Validity of re-signed partner certificates in years (<c>...issuer.certificate.duration.years</c>).</summary>
    public int PartnerCertificateValidityYears { get; set; } = 1;

    /// <summary>Grace in days on the partner certificate's minimum remaining validity (<c>...allowed.grace.duration</c>).</summary>
    public int PartnerCertificateGraceDays { get; set; } = 30;

    /// <summary>Whether FTM partner certificates are re-signed too (<c>mosip.kernel.partner.resign.ftm.domain.certs</c>).</summary>
    public bool ResignFtmDomainCertificates { get; set; }

    /// <summary>Minimum remaining validity of an uploaded CA certificate in months (<c>...cacertificate.upload.minimumvalidity.month</c>).</summary>
    public int CaMinimumValidityMonths { get; set; } = 12;

    /// <summary>The application whose master key re-signs partner certificates (<c>mosip.kernel.partner.sign.masterkey.application.id</c>).</summary>
    public string SignApplicationId { get; set; } = "PMS";

    /// <summary>Most certificates accepted in one CA bundle (Kavach's bound on one request's work).</summary>
    public int MaxBundleCertificates { get; set; } = 100;

    /// <summary>
    /// How long a replica trusts its cached view of a domain before asking the database whether the domain changed.
    /// Zero (the default) asks on every trust decision: one primary-key read, so uploads and CRLs made on any
    /// replica take effect at once everywhere.
    /// </summary>
    public TimeSpan CacheRecheckInterval { get; set; } = TimeSpan.Zero;

    /// <summary>The allowed domains, upper case, without blanks.</summary>
    public IReadOnlyList<string> Domains() =>
        AllowedDomains.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.ToUpperInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
