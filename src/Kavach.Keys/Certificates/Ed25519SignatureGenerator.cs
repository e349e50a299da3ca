using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto;

namespace Kavach.Keys.Certificates;

/// <summary>Signs CSRs and certificates with an Ed25519 key (.NET has no Ed25519; OpenSSL does the work).</summary>
public sealed class Ed25519SignatureGenerator : X509SignatureGenerator
{
    private readonly Ed25519PrivateKey _key;

    /// <summary>Creates a generator for <paramref name="key"/>; the caller keeps ownership of the key.</summary>
    public Ed25519SignatureGenerator(Ed25519PrivateKey key) => _key = key;

    /// <summary>The Ed25519 public key in X.509 form.</summary>
    public static PublicKey PublicKeyOf(Ed25519PrivateKey key) =>
        PublicKey.CreateFromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _);

    /// <inheritdoc />
    public override byte[] GetSignatureAlgorithmIdentifier(HashAlgorithmName hashAlgorithm)
    {
        // RFC 8410: the Ed25519 AlgorithmIdentifier has no parameters; the hash argument does not apply.
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(Ed25519.Oid);
        }

        return writer.Encode();
    }

    /// <inheritdoc />
    public override byte[] SignData(byte[] data, HashAlgorithmName hashAlgorithm) => _key.Sign(data);

    /// <inheritdoc />
    protected override PublicKey BuildPublicKey() => PublicKeyOf(_key);
}
