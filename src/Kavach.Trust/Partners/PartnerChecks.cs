using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Errors;
using Kavach.Trust.Certificates;
using Kavach.Trust.Errors;

namespace Kavach.Trust.Partners;

/// <summary>The partner certificate checks of spec §6.3 steps 2 and 4, in MOSIP's order.</summary>
internal static class PartnerChecks
{
    /// <summary>What MOSIP uses when years × 365 − grace comes out negative.</summary>
    private const int FallbackMinimumDays = 315;

    /// <summary>Step 2: future-dated, not valid now, too little validity left, self-signed.</summary>
    public static KavachError? Basic(X509Certificate2 partner, DateTime nowUtc, TrustOptions options)
    {
        if (CertificateFacts.NotBefore(partner).Date > nowUtc.Date)
        {
            return TrustErrors.FutureDatedNotAllowed;
        }

        if (!CertificateFacts.IsTimeValid(partner, nowUtc))
        {
            return TrustErrors.CertificateDatesNotValid;
        }

        var minimumDays = (options.PartnerCertificateValidityYears * 365) - options.PartnerCertificateGraceDays;
        if (minimumDays < 0)
        {
            minimumDays = FallbackMinimumDays;
        }

        // Java's DAYS.between: whole days, truncated.
        if ((long)Math.Floor((CertificateFacts.NotAfter(partner) - nowUtc).TotalDays) < minimumDays)
        {
            return TrustErrors.PartnerValidityTooShort;
        }

        return CertificateFacts.IsSelfSigned(partner) ? TrustErrors.SelfSignedNotAllowed : null;
    }

    /// <summary>Step 4 (after the trust path): version 3, organisation, RSA key size, SHA-2 signature.</summary>
    public static KavachError? Further(X509Certificate2 partner, string? organizationName)
    {
        if (partner.Version != 3)
        {
            return TrustErrors.InvalidCertificateVersion;
        }

        // Exact and case-sensitive, as MOSIP compares.
        if (DistinguishedNames.Organization(partner) is not { } organization || !string.Equals(organization, organizationName, StringComparison.Ordinal))
        {
            return TrustErrors.PartnerOrganizationNotMatched.WithDetail(" The organisation must equal the certificate's O exactly (case-sensitive).");
        }

        if (CertificateFacts.RsaKeySize(partner) is { } bits && bits < 2048)
        {
            return TrustErrors.KeySizeNotAllowed.WithDetail($" An RSA key must have at least 2048 bits; this one has {bits}.");
        }

        return CertificateFacts.HasSha2Signature(partner)
            ? null
            : TrustErrors.SignatureAlgorithmNotAllowed.WithDetail(" Allowed: SHA-224, SHA-256, SHA-384 or SHA-512 with RSA (PKCS#1 v1.5) or ECDSA.");
    }
}
