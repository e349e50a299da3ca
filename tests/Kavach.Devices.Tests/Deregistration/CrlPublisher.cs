using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Authority;
using Kavach.Devices.Policy;

namespace Kavach.Devices.Tests.Deregistration;

/// <summary>CRL publication over the real device CA, keeping the last CRL for assertions.</summary>
internal sealed class CrlPublisher(DeviceCertificateAuthority ca) : IDeviceCaMaintenance
{
    public int Published { get; private set; }

    public byte[]? Last { get; private set; }

    /// <summary>Makes publication throw, as an unreachable HSM does.</summary>
    public bool Fail { get; set; }

    public async Task<long> PublishCrlAsync(CancellationToken cancellationToken)
    {
        if (Fail)
        {
            throw new InvalidOperationException("The HSM is unreachable.");
        }

        Last = await ca.GetCrlAsync(cancellationToken);
        Published++;
        CertificateRevocationListBuilder.Load(Last, out var number);
        return (long)number;
    }

    /// <summary>The CA's CRL now, without counting a publication: unchanged revocations give the cached CRL.</summary>
    public Task<byte[]> PublishAgainAsync() => ca.GetCrlAsync(default);

    public Task<int> RevokeUnconfirmedAsync(DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(0);
}
