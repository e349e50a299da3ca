using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Protocol.Messages;

namespace Kavach.DeviceAgent.Session;

/// <summary>What the agent reads off certificates: serials as the protocol writes them, PEM, key equality.</summary>
internal static class CertificateFacts
{
    /// <summary>The serial as the protocol carries it (upper-case hex).</summary>
    public static string SerialOf(X509Certificate2 certificate) => certificate.SerialNumber.ToUpperInvariant();

    /// <summary>The serial of the certificate in <paramref name="pem"/>.</summary>
    public static string SerialOf(string pem)
    {
        using var certificate = X509Certificate2.CreateFromPem(pem);
        return SerialOf(certificate);
    }

    /// <summary>The expiry of the certificate in <paramref name="pem"/>, as the protocol writes times.</summary>
    public static string NotAfterOf(string pem)
    {
        using var certificate = X509Certificate2.CreateFromPem(pem);
        return ProtocolTimestamp.ToText(new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero));
    }

    /// <summary>
    /// The issued certificate (first of <paramref name="chain"/>, padded base64 DER) as PEM, after checking that it
    /// certifies <paramref name="key"/>: a server answering with someone else's certificate is refused.
    /// </summary>
    public static string IssuedFor(IReadOnlyList<string> chain, RSA key, string serialNo)
    {
        if (chain.Count == 0)
        {
            throw new AgentException(AgentErrors.ImpostorServer, "the server issued no certificate");
        }

        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(chain[0]));
            var issuedKey = certificate.PublicKey.ExportSubjectPublicKeyInfo();
            var ownKey = key.ExportSubjectPublicKeyInfo();
            if (!issuedKey.AsSpan().SequenceEqual(ownKey) || certificate.GetNameInfo(X509NameType.SimpleName, false) != serialNo)
            {
                throw new AgentException(AgentErrors.ImpostorServer, "the issued certificate is not for this device's key and serial");
            }

            return certificate.ExportCertificatePem();
        }
        catch (FormatException)
        {
            throw new AgentException(AgentErrors.ImpostorServer, "the issued certificate does not parse");
        }
        catch (CryptographicException)
        {
            throw new AgentException(AgentErrors.ImpostorServer, "the issued certificate does not parse");
        }
    }

    /// <summary>A PKCS#10 request for <paramref name="key"/> (base64url DER); the server ignores its subject and sets its own.</summary>
    public static string CsrFor(RSA key, string serialNo)
    {
        var request = new CertificateRequest($"CN={serialNo}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return Kavach.Crypto.Base64Url.Encode(request.CreateSigningRequest());
    }
}
