using Kavach.Devices.Registry;

namespace Kavach.Devices.Policy;

/// <summary>The rotation and expiry policy as pure functions of <c>now</c> (spec §4.8).</summary>
public static class DeviceCertificatePolicy
{
    /// <summary>The verdict for <paramref name="certificate"/> at <paramref name="now"/>.</summary>
    public static CertificateVerdict Evaluate(DeviceCertificateRecord certificate, DateTimeOffset now, DevicePolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(options);
        if (certificate.NotAfter <= now)
        {
            return CertificateVerdict.Expired;
        }

        if (certificate.NotAfter - now <= TimeSpan.FromDays(options.RenewBeforeDays))
        {
            return CertificateVerdict.RotateBeforeExpiry;
        }

        // Age counts from issuance; notBefore is backdated a minute (spec §4.1), which errs towards rotating early.
        return now - certificate.NotBefore >= TimeSpan.FromDays(options.RotateAfterDays) ? CertificateVerdict.RotateByAge : CertificateVerdict.Current;
    }
}
