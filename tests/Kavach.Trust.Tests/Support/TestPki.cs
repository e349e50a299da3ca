using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kavach.Trust.Tests.Support;

/// <summary>
/// Builds certificates and CRLs in memory with .NET. Keys are ECDSA P-256 unless RSA bits are asked for: generating
/// RSA keys would dominate the run time, and path building does not care about the key type (the server tests use
/// RSA certificates made with the openssl command).
/// </summary>
public static class TestPki
{
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    public static X509Certificate2 Root(string commonName, int days = 3650, int daysBefore = 1)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName},O=Test CA,C=IN", key, HashAlgorithmName.SHA256);
        AddCaExtensions(request);
        return request.CreateSelfSigned(Now.AddDays(-daysBefore), Now.AddDays(days));
    }

    public static X509Certificate2 Intermediate(X509Certificate2 issuer, string commonName, int days = 1825, int daysBefore = 1) =>
        Issue(issuer, $"CN={commonName},O=Test CA,C=IN", isCa: true, Now.AddDays(-daysBefore), Now.AddDays(days));

    public static X509Certificate2 Leaf(X509Certificate2 issuer, string commonName, string organization = "Partner Org", int days = 400, int daysBefore = 1, int? rsaBits = null, bool sha1 = false) =>
        Issue(issuer, $"CN={commonName},O={organization},C=IN", isCa: false, Now.AddDays(-daysBefore), Now.AddDays(days), rsaBits, sha1);

    public static X509Certificate2 Issue(X509Certificate2 issuer, string subject, bool isCa, DateTimeOffset notBefore, DateTimeOffset notAfter, int? rsaBits = null, bool sha1 = false)
    {
        using AsymmetricAlgorithm key = rsaBits is { } bits || sha1 ? RSA.Create(rsaBits ?? 2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = key is RSA rsa
            ? new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest(subject, (ECDsa)key, HashAlgorithmName.SHA256);
        if (isCa)
        {
            AddCaExtensions(request);
        }
        else
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        var serial = RandomNumberGenerator.GetBytes(8);
        serial[0] &= 0x7F;
        serial[0] |= 0x01;
        using var issuerRsa = issuer.GetRSAPrivateKey();
        using var issuerEc = issuer.GetECDsaPrivateKey();
        X509SignatureGenerator generator = sha1
            ? new Sha1RsaSignatureGenerator(issuerRsa ?? throw new InvalidOperationException("SHA-1 fixtures need an RSA issuer."))
            : issuerRsa is not null
                ? X509SignatureGenerator.CreateForRSA(issuerRsa, RSASignaturePadding.Pkcs1)
                : X509SignatureGenerator.CreateForECDsa(issuerEc!);
        var certificate = request.Create(issuer.SubjectName, generator, notBefore, notAfter, serial);
        return key is RSA withRsa ? certificate.CopyWithPrivateKey(withRsa) : certificate.CopyWithPrivateKey((ECDsa)key);
    }

    /// <summary>An RSA root, for fixtures that need an RSA issuer (SHA-1 signatures).</summary>
    public static X509Certificate2 RsaRoot(string commonName)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName},O=Test CA,C=IN", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        AddCaExtensions(request);
        return request.CreateSelfSigned(Now.AddDays(-1), Now.AddDays(3650));
    }

    /// <summary>A CRL of <paramref name="issuer"/> listing <paramref name="revoked"/>, issued at <paramref name="thisUpdate"/> (default: an hour ago).</summary>
    public static byte[] Crl(X509Certificate2 issuer, IEnumerable<X509Certificate2> revoked, DateTimeOffset? thisUpdate = null, int number = 1)
    {
        var builder = new CertificateRevocationListBuilder();
        foreach (var certificate in revoked)
        {
            builder.AddEntry(certificate, Now.AddHours(-2));
        }

        var at = thisUpdate ?? Now.AddHours(-1);
        var padding = issuer.GetRSAPublicKey() is null ? null : RSASignaturePadding.Pkcs1;
        return builder.Build(issuer, new BigInteger(number), at.AddDays(30), HashAlgorithmName.SHA256, padding, at);
    }

    public static string Pem(X509Certificate2 certificate) => certificate.ExportCertificatePem();

    public static string CrlPem(byte[] der) => new(PemEncoding.Write("X509 CRL", der));

    private static void AddCaExtensions(CertificateRequest request)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
    }
}
