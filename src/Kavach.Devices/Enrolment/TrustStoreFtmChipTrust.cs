using System.Security.Cryptography.X509Certificates;
using Kavach.Trust.Paths;

namespace Kavach.Devices.Enrolment;

/// <summary>
/// <see cref="IFtmChipTrust"/> on the partner trust store: a trust path in the configured FTM domain (FTM providers
/// upload their roots there, as in MOSIP PMS). Certificates a device sends after the chip certificate are never used.
/// </summary>
internal sealed class TrustStoreFtmChipTrust : IFtmChipTrust
{
    private readonly TrustPathService _paths;
    private readonly EnrolmentOptions _options;

    public TrustStoreFtmChipTrust(TrustPathService paths, EnrolmentOptions options)
    {
        _paths = paths;
        _options = options;
    }

    /// <inheritdoc />
    public async Task<bool> IsTrustedAsync(X509Certificate2 chipCertificate, CancellationToken cancellationToken) =>
        (await _paths.EvaluateAsync(chipCertificate, _options.FtmTrustDomain, cancellationToken)).IsTrusted;
}
