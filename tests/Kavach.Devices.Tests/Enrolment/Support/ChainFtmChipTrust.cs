using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Enrolment;

namespace Kavach.Devices.Tests.Enrolment.Support;

/// <summary>Trusts FTM chip certificates that chain, valid at the test clock, to one of the given roots (the trust store's FTM domain in production).</summary>
public sealed class ChainFtmChipTrust(TimeProvider time, params X509Certificate2[] roots) : IFtmChipTrust
{
    public Task<bool> IsTrustedAsync(X509Certificate2 chipCertificate, CancellationToken cancellationToken)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
        return Task.FromResult(chain.Build(chipCertificate));
    }
}
