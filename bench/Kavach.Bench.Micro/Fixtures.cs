using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kavach.Bench.Micro;

/// <summary>Keys and certificates shared by the benchmarks (made once per process).</summary>
internal static class Fixtures
{
    private static readonly Lazy<(RSA Key, X509Certificate2 Certificate)> RsaPair = new(() =>
    {
        var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=bench, O=Kavach", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return (key, request.CreateSelfSigned(now, now.AddYears(3)));
    });

    public static RSA Rsa => RsaPair.Value.Key;

    public static X509Certificate2 RsaCertificate => RsaPair.Value.Certificate;

    public static byte[] Random(int length) => RandomNumberGenerator.GetBytes(length);
}
