using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kavach.Devices.Tests.Protocol.Support;

/// <summary>A certificate with its private key, and a signing delegate of the shape the protocol takes.</summary>
internal sealed class TestIdentity(X509Certificate2 certificate, RSA key)
{
    public X509Certificate2 Certificate { get; } = certificate;

    public RSA Key { get; } = key;

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Key.SignData(data.Span, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
}
