using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Authority;

namespace Kavach.Devices.Tests.Protocol.Support;

/// <summary>The server's message keys held in memory, as a vault would hold them: one encryption kid, a retired one, the signing key.</summary>
internal sealed class TestServerKeys(TestPki pki) : IDeviceServerKeys
{
    public int Unwraps { get; private set; }

    public ValueTask<(string Kid, X509Certificate2 Certificate)> GetEncryptionKeyAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult((TestPki.EncryptionKid, pki.ServerEncryption.Certificate));

    public ValueTask<byte[]?> UnwrapContentKeyAsync(string kid, ReadOnlyMemory<byte> encryptedKey, CancellationToken cancellationToken)
    {
        Unwraps++;
        if (kid != TestPki.EncryptionKid)
        {
            return ValueTask.FromResult<byte[]?>(null);
        }

        try
        {
            return ValueTask.FromResult<byte[]?>(pki.ServerEncryption.Key.Decrypt(encryptedKey.Span, RSAEncryptionPadding.OaepSHA256));
        }
        catch (CryptographicException)
        {
            return ValueTask.FromResult<byte[]?>(null);
        }
    }

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signingInput, CancellationToken cancellationToken) =>
        pki.ServerSigning.SignAsync(signingInput, cancellationToken);

    public ValueTask<IReadOnlyList<X509Certificate2>> GetSigningChainAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<X509Certificate2>>([pki.ServerSigning.Certificate]);
}
