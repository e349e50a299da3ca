using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Authority;

namespace Kavach.Devices.Tests.Policy;

/// <summary>The device CA, root and server signing certificates the daily job checks for expiry; no private key use.</summary>
internal sealed class FakeAuthorityCertificates(X509Certificate2 deviceCa, X509Certificate2 root, X509Certificate2 serverSigning) : IDeviceCaCertificates, IDeviceServerKeys
{
    public static FakeAuthorityCertificates LongLived(DateTimeOffset now) =>
        new(TestCertificates.SelfSigned("Device CA", now.AddYears(-1), now.AddYears(4)),
            TestCertificates.SelfSigned("Root", now.AddYears(-1), now.AddYears(15)),
            TestCertificates.SelfSigned("Server signing", now.AddDays(-10), now.AddYears(1)));

    public ValueTask<DeviceTrustAnchors> GetTrustAnchorsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(new DeviceTrustAnchors([deviceCa], root));

    public ValueTask<IReadOnlyList<X509Certificate2>> GetSigningChainAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<X509Certificate2>>([serverSigning]);

    public ValueTask<(string Kid, X509Certificate2 Certificate)> GetEncryptionKeyAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public ValueTask<byte[]?> UnwrapContentKeyAsync(string kid, ReadOnlyMemory<byte> encryptedKey, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signingInput, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
