using Kavach.Hosting.Composition;
using System.Security.Cryptography.X509Certificates;
using Kavach.Hosting.Configuration;

namespace Kavach.Hosting.Web.Tls;

/// <summary>Loads an operator-supplied server certificate: PFX/PKCS#12, or PEM (leaf first, then its chain) with a PEM key.</summary>
public static class TlsCertificateFiles
{
    /// <summary>The leaf with its private key, and the rest of the file's certificates as its chain.</summary>
    public static (X509Certificate2 Leaf, X509Certificate2Collection Chain) Load(TlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = options.CertificatePath ?? throw new KavachConfigurationException("Kavach:Tls:CertificatePath", "not set");
        if (IsPkcs12(path))
        {
            var all = X509CertificateLoader.LoadPkcs12CollectionFromFile(path, options.Password, X509KeyStorageFlags.EphemeralKeySet);
            var leaf = all.FirstOrDefault(c => c.HasPrivateKey)
                ?? throw new InvalidOperationException("The PKCS#12 file holds no certificate with a private key.");
            var chain = new X509Certificate2Collection();
            chain.AddRange(all.Where(c => !ReferenceEquals(c, leaf)).ToArray());
            return (leaf, chain);
        }

        var keyPath = string.IsNullOrWhiteSpace(options.KeyPath) ? path : options.KeyPath;
        var withKey = string.IsNullOrEmpty(options.Password)
            ? X509Certificate2.CreateFromPemFile(path, keyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(path, options.Password, keyPath);
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPemFile(path);
        var rest = new X509Certificate2Collection();
        rest.AddRange(certificates.Where(c => c.Thumbprint != withKey.Thumbprint).ToArray());
        return (withKey, rest);
    }

    private static bool IsPkcs12(string path) =>
        path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase);
}
