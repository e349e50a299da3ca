using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kavach.Server.Tests.Migration;

/// <summary>One key of a MOSIP installation: its alias (<c>key_alias.id</c>, a UUID), key pair, certificate and validity.</summary>
internal sealed record MosipKey(string Alias, string AppId, string RefId, RSA Key, X509Certificate2 Certificate, DateTime GeneratedAt, DateTime ExpiresAt)
{
    /// <summary><c>key_alias.cert_thumbprint</c>: upper-case hex SHA-256 of the certificate DER (spec §3.9).</summary>
    public string Thumbprint => Convert.ToHexString(SHA256.HashData(Certificate.RawData));

    /// <summary><c>key_alias.uni_ident</c>: upper-case hex SHA-1 of <c>appId_refId_MM-dd-yyyy</c> (spec §3.9).</summary>
    public string UniqueIdentifier =>
        Convert.ToHexString(SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(
            $"{AppId}_{RefId}_{GeneratedAt.ToString("MM-dd-yyyy", System.Globalization.CultureInfo.InvariantCulture)}")));

    /// <summary>The certificate as MOSIP stores it in <c>key_store.certificate_data</c>.</summary>
    public string Pem => Certificate.ExportCertificatePem();
}
