using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kavach.DeviceAgent.Session;

/// <summary>A certificate and the store-held key that signs as it (FTM chip, or device key of some generation).</summary>
/// <param name="Certificate">The certificate (<c>x5c[0]</c>).</param>
/// <param name="Key">The key; its private operations run in the key store.</param>
public sealed record MessageSigner(X509Certificate2 Certificate, RSA Key) : IDisposable
{
    /// <inheritdoc />
    public void Dispose()
    {
        Certificate.Dispose();
        Key.Dispose();
    }

    /// <summary>RS256 over <paramref name="input"/>.</summary>
    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> input, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Key.SignData(input.Span, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
}
