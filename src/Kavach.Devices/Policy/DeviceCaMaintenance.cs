using System.Numerics;
using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Authority;
using Kavach.Devices.Enrolment;

namespace Kavach.Devices.Policy;

/// <summary>The daily job's CA steps on the vault-held device CA (CRL) and enrolment (unconfirmed certificates).</summary>
public sealed class DeviceCaMaintenance : IDeviceCaMaintenance
{
    private readonly DeviceCertificateAuthority _ca;
    private readonly EnrolmentService _enrolment;

    /// <summary>Creates the adapter.</summary>
    public DeviceCaMaintenance(DeviceCertificateAuthority ca, EnrolmentService enrolment)
    {
        ArgumentNullException.ThrowIfNull(ca);
        ArgumentNullException.ThrowIfNull(enrolment);
        _ca = ca;
        _enrolment = enrolment;
    }

    /// <inheritdoc />
    public async Task<long> PublishCrlAsync(CancellationToken cancellationToken)
    {
        // The CA rebuilds its CRL when the revoked set changed or a day passed, and serves it at /pki/crl.
        var der = await _ca.GetCrlAsync(cancellationToken);
        CertificateRevocationListBuilder.Load(der, out BigInteger number);
        return number > long.MaxValue ? long.MaxValue : (long)number;
    }

    /// <inheritdoc />
    public Task<int> RevokeUnconfirmedAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        _enrolment.RevokeUnconfirmedAsync(now, cancellationToken);
}
