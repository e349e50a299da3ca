using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kavach.Keys.Storage;

namespace Kavach.Console.Tests.Support;

/// <summary>
/// Base keys written at store level for the map's performance test. Generating 10,000 RSA-2048 base keys through the
/// API would cost minutes of CPU on two cores (each is an RSA key generation, a wrap and a certificate signature), so
/// one real base key is generated through the API and its wrapped private key reused: every seeded alias gets its own
/// certificate (own serial, so its own thumbprint and unique identifier, as the store's constraints require) over that
/// key's public key, signed by one EC P-256 key (a few microseconds each) under the real issuer's name. The rows are
/// what the store would hold after years of rotations: several keys per reference, older ones expired. Nothing decrypts
/// with them; the map only reads the inventory.
/// </summary>
internal static class KeySeeding
{
    /// <summary>Writes <paramref name="applications"/> × <paramref name="references"/> × <paramref name="keysPerReference"/> aliases.</summary>
    public static async Task<int> SeedAsync(IKeyStore store, KeyAlias template, IReadOnlyList<string> applications, int references, int keysPerReference, DateTimeOffset now)
    {
        var stored = await store.GetStoredKeyAsync(template.Id, CancellationToken.None) ?? throw new InvalidOperationException("the template key has no key_store row");
        using var templateCertificate = X509Certificate2.CreateFromPem(stored.CertificatePem);
        using var issuerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var generator = X509SignatureGenerator.CreateForECDsa(issuerKey);
        var publicKey = templateCertificate.PublicKey;
        var written = 0;
        foreach (var app in applications)
        {
            for (var r = 0; r < references; r++)
            {
                var refId = $"seed-{r:D5}";
                await using var scope = await store.BeginWriteAsync(app, refId, CancellationToken.None);
                for (var k = 0; k < keysPerReference; k++)
                {
                    // Oldest first; the last key of each reference is the current one.
                    var notBefore = now.AddDays(-365 * (keysPerReference - 1 - k)).AddDays(-1);
                    var notAfter = k == keysPerReference - 1 ? now.AddDays(730) : notBefore.AddDays(365);
                    var aliasId = Guid.NewGuid().ToString();
                    var request = new CertificateRequest(new X500DistinguishedName($"CN={app}-{refId}-{k}, O=Kavach Seed, C=IN"), publicKey, HashAlgorithmName.SHA256);
                    var serial = RandomNumberGenerator.GetBytes(12);
                    serial[0] &= 0x7F;
                    using var certificate = request.Create(templateCertificate.IssuerName, generator, notBefore, notAfter, serial);
                    var thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
                    var uniqueIdentifier = Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(aliasId)));
                    await scope.InsertAliasAsync(new KeyAlias(aliasId, app, refId, certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime(), thumbprint, uniqueIdentifier), CancellationToken.None);
                    await scope.InsertStoredKeyAsync(new StoredKey(aliasId, stored.MasterKeyAlias, stored.WrappedPrivateKey, certificate.ExportCertificatePem()), CancellationToken.None);
                    written++;
                }

                await scope.CommitAsync(CancellationToken.None);
            }
        }

        return written;
    }
}
