using Kavach.Hosting.Composition;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;

namespace Kavach.Hosting.Web.Authentication;

/// <summary>Parses configured verification keys: PEM public keys (RSA or EC), PEM certificates, or a JWKS document.</summary>
internal static class KeyMaterial
{
    /// <summary>The keys in <paramref name="text"/>; throws <see cref="KavachConfigurationException"/> when there are none.</summary>
    public static List<SecurityKey> Parse(string text, string where)
    {
        text = text.Trim();
        if (text.StartsWith('{'))
        {
            try
            {
                var keys = new JsonWebKeySet(text).GetSigningKeys().ToList();
                return keys.Count > 0 ? keys : throw new KavachConfigurationException(where, $"the JWKS holds no signing key.");
            }
            catch (ArgumentException e)
            {
                throw new KavachConfigurationException(where, $"not a JWKS document.", e);
            }
        }

        var found = new List<SecurityKey>();
        var remaining = text.AsSpan();
        while (PemEncoding.TryFind(remaining, out var fields))
        {
            var label = remaining[fields.Label].ToString();
            var der = Convert.FromBase64String(remaining[fields.Base64Data].ToString());
            found.Add(label switch
            {
                "CERTIFICATE" => new X509SecurityKey(X509CertificateLoader.LoadCertificate(der)),
                "PUBLIC KEY" => FromSubjectPublicKeyInfo(der, where),
                "RSA PUBLIC KEY" => FromRsaPublicKey(der),
                _ => throw new KavachConfigurationException(where, $"unsupported PEM block '{label}'."),
            });
            remaining = remaining[fields.Location.End..];
        }

        return found.Count > 0 ? found : throw new KavachConfigurationException(where, $"no PEM key, certificate or JWKS found.");
    }

    private static SecurityKey FromSubjectPublicKeyInfo(byte[] der, string where)
    {
        using (var rsa = RSA.Create())
        {
            try
            {
                rsa.ImportSubjectPublicKeyInfo(der, out _);
                return new RsaSecurityKey(rsa.ExportParameters(false));
            }
            catch (CryptographicException)
            {
                // Not RSA; try EC below.
            }
        }

        var ec = ECDsa.Create();
        try
        {
            ec.ImportSubjectPublicKeyInfo(der, out _);
            return new ECDsaSecurityKey(ec);
        }
        catch (CryptographicException e)
        {
            ec.Dispose();
            throw new KavachConfigurationException(where, $"a PUBLIC KEY that is neither RSA nor EC.", e);
        }
    }

    private static RsaSecurityKey FromRsaPublicKey(byte[] der)
    {
        using var rsa = RSA.Create();
        rsa.ImportRSAPublicKey(der, out _);
        return new RsaSecurityKey(rsa.ExportParameters(false));
    }
}
