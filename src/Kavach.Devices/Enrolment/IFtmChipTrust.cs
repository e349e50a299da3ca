using System.Security.Cryptography.X509Certificates;

namespace Kavach.Devices.Enrolment;

/// <summary>Whether an FTM chip certificate chains to an approved FTM root (the partner trust store's domain <c>FTM</c>).</summary>
public interface IFtmChipTrust
{
    /// <summary>True when <paramref name="chipCertificate"/> has a trust path, valid now, to an FTM root the adopter approved.</summary>
    Task<bool> IsTrustedAsync(X509Certificate2 chipCertificate, CancellationToken cancellationToken);
}
