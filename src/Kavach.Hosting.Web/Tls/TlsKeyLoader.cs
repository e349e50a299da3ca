using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto;
using Kavach.Keys.Certificates;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;
using Kavach.Keys.Wrapping;

namespace Kavach.Hosting.Web.Tls;

/// <summary>
/// Loads the stored TLS key and refuses a row that was forged or swapped: the certificate must be the one the alias
/// row names and must chain to our ROOT through the KERNEL master that wraps the key (anyone can wrap a key with the
/// master's public key; only our vault can sign a certificate with it), and the unwrapped key must be the
/// certificate's.
/// </summary>
internal static class TlsKeyLoader
{
    /// <summary>The certificate with its private key and chain, or null with a reason when the row fails a check.</summary>
    public static async Task<(TlsServerCertificate? Certificate, string? Problem)> LoadAsync(IKeyStore store, IKeyVault vault, KeyAlias alias, DateTime now, CancellationToken cancellationToken)
    {
        var stored = await store.GetStoredKeyAsync(alias.Id, cancellationToken);
        if (stored is null || stored.IsOtherDomain)
        {
            return (null, "no stored key");
        }

        if (!Pem.TryParseCertificate(stored.CertificatePem, out var leaf) ||
            !string.Equals(Thumbprints.Sha256UpperHex(leaf.RawData), alias.CertThumbprint, StringComparison.OrdinalIgnoreCase))
        {
            return (null, "certificate does not match the alias row");
        }

        var master = await store.GetAliasAsync(stored.MasterKeyAlias, cancellationToken);
        if (master is null || !string.Equals(master.AppId, KeyIds.Kernel, StringComparison.Ordinal) || master.RefId.Length != 0 ||
            await vault.GetCertificateAsync(master.Id, cancellationToken) is not { } masterCertificate)
        {
            return (null, "wrapping key is not a KERNEL master key");
        }

        var roots = new X509Certificate2Collection();
        foreach (var root in await store.GetAliasesAsync(KeyIds.Root, string.Empty, cancellationToken))
        {
            if (await vault.GetCertificateAsync(root.Id, cancellationToken) is { } certificate)
            {
                roots.Add(certificate);
            }
        }

        if (!IssuedBy(leaf, masterCertificate, roots, now))
        {
            return (null, "certificate is not issued by the KERNEL master under our ROOT");
        }

        var pkcs8 = BaseKeyWrapper.TryUnwrap(stored.WrappedPrivateKey, vault, master.Id);
        if (pkcs8 is null)
        {
            return (null, "wrapped key does not unwrap");
        }

        try
        {
            var withKey = Attach(leaf, pkcs8);
            if (withKey is null)
            {
                return (null, "private key does not match the certificate");
            }

            var chain = new X509Certificate2Collection(masterCertificate);
            chain.AddRange(roots);
            return (new TlsServerCertificate(withKey, chain, alias.Id), null);
        }
        catch (CryptographicException)
        {
            return (null, "unwrapped key is not a valid private key");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private static X509Certificate2? Attach(X509Certificate2 leaf, byte[] pkcs8)
    {
        var expected = leaf.PublicKey.ExportSubjectPublicKeyInfo();
        if (leaf.GetECDsaPublicKey() is { } ecPublic)
        {
            ecPublic.Dispose();
            using var ec = ECDsa.Create();
            ec.ImportPkcs8PrivateKey(pkcs8, out _);
            return ec.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(expected) ? leaf.CopyWithPrivateKey(ec) : null;
        }

        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pkcs8, out _);
        return rsa.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(expected) ? leaf.CopyWithPrivateKey(rsa) : null;
    }

    private static bool IssuedBy(X509Certificate2 leaf, X509Certificate2 master, X509Certificate2Collection roots, DateTime now)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.ExtraStore.Add(master);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now;
        return chain.Build(leaf) && chain.ChainElements.Count >= 2 &&
            chain.ChainElements[1].Certificate.RawData.AsSpan().SequenceEqual(master.RawData);
    }
}
