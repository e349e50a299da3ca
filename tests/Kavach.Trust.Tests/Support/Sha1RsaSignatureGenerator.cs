using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kavach.Trust.Tests.Support;

/// <summary>Signs certificates with SHA1withRSA, which .NET's own generator refuses (to make the "SHA-1 signed" fixture).</summary>
public sealed class Sha1RsaSignatureGenerator(RSA key) : X509SignatureGenerator
{
    // SEQUENCE { OID 1.2.840.113549.1.1.5, NULL }
    private static readonly byte[] Sha1WithRsa = [0x30, 0x0D, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x05, 0x05, 0x00];

    public override byte[] GetSignatureAlgorithmIdentifier(HashAlgorithmName hashAlgorithm) => (byte[])Sha1WithRsa.Clone();

    public override byte[] SignData(byte[] data, HashAlgorithmName hashAlgorithm) => key.SignData(data, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1);

    protected override PublicKey BuildPublicKey() => X509SignatureGenerator.CreateForRSA(key, RSASignaturePadding.Pkcs1).PublicKey;
}
