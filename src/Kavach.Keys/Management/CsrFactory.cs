using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Vault;

namespace Kavach.Keys.Management;

/// <summary>Creates PKCS#10 requests signed by the key itself: inside the vault, or with the unwrapped stored key.</summary>
public sealed class CsrFactory
{
    private readonly IKeyVault _vault;
    private readonly StoredKeyLoader _loader;

    /// <summary>Creates the factory.</summary>
    public CsrFactory(IKeyVault vault, StoredKeyLoader loader)
    {
        _vault = vault;
        _loader = loader;
    }

    /// <summary>A PEM CSR for <paramref name="key"/> with <paramref name="subject"/>.</summary>
    public async Task<Result<string>> CreateAsync(ResolvedKey key, X500DistinguishedName subject, CancellationToken cancellationToken)
    {
        if (KeyClassifier.IsVaultHeld(key.Class))
        {
            var publicKey = key.Certificate.PublicKey;
            var request = new CertificateRequest(subject, publicKey, HashAlgorithmName.SHA256);
            return Pem.CertificateRequest(_vault.CreateSigningRequest(key.Alias.Id, request));
        }

        var loaded = await _loader.LoadAsync(key.Alias, cancellationToken);
        if (!loaded.IsSuccess)
        {
            return loaded.Error;
        }

        using var privateKey = loaded.Value;
        if (privateKey.Ed25519 is { } ed)
        {
            var request = new CertificateRequest(subject, Ed25519SignatureGenerator.PublicKeyOf(ed), HashAlgorithmName.SHA256);
            return Pem.CertificateRequest(request.CreateSigningRequest(new Ed25519SignatureGenerator(ed)));
        }

        var rsaRequest = new CertificateRequest(subject, privateKey.Rsa!, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return Pem.CertificateRequest(rsaRequest.CreateSigningRequest());
    }
}
