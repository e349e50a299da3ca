using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kavach.Keys.Vault;

/// <summary>
/// Signs certificates and CSRs with a key that stays inside an <see cref="IKeyVault"/>:
/// SHA256withRSA for RSA keys, SHA256withECDSA for EC keys.
/// </summary>
public sealed class VaultSignatureGenerator : X509SignatureGenerator
{
    private static readonly byte[] Sha256WithRsaIdentifier = EncodeAlgorithmIdentifier("1.2.840.113549.1.1.11", withNullParameters: true);
    private static readonly byte[] EcdsaWithSha256Identifier = EncodeAlgorithmIdentifier("1.2.840.10045.4.3.2", withNullParameters: false);

    private readonly IKeyVault _vault;
    private readonly string _alias;
    private readonly PublicKey _publicKey;
    private readonly bool _isEc;

    /// <summary>Creates a generator for the key under <paramref name="alias"/> whose public key is <paramref name="publicKey"/>.</summary>
    public VaultSignatureGenerator(IKeyVault vault, string alias, PublicKey publicKey)
    {
        _vault = vault;
        _alias = alias;
        _publicKey = publicKey;
        _isEc = publicKey.Oid.Value == "1.2.840.10045.2.1";
    }

    /// <inheritdoc />
    public override byte[] GetSignatureAlgorithmIdentifier(HashAlgorithmName hashAlgorithm)
    {
        EnsureSha256(hashAlgorithm);
        return (byte[])(_isEc ? EcdsaWithSha256Identifier : Sha256WithRsaIdentifier).Clone();
    }

    /// <inheritdoc />
    public override byte[] SignData(byte[] data, HashAlgorithmName hashAlgorithm)
    {
        EnsureSha256(hashAlgorithm);
        if (!_isEc)
        {
            return _vault.Sign(_alias, data, VaultSignatureAlgorithm.RsaPkcs1Sha256);
        }

        // X.509 wants ECDSA signatures DER-encoded; vaults return IEEE P1363 (r||s).
        var p1363 = _vault.Sign(_alias, data, VaultSignatureAlgorithm.EcdsaSha256);
        return EcdsaSignatureFormat.ToDer(p1363);
    }

    /// <inheritdoc />
    protected override PublicKey BuildPublicKey() => _publicKey;

    private static void EnsureSha256(HashAlgorithmName hashAlgorithm)
    {
        if (hashAlgorithm != HashAlgorithmName.SHA256)
        {
            throw new ArgumentOutOfRangeException(nameof(hashAlgorithm), hashAlgorithm, "Only SHA-256 is used for certificates.");
        }
    }

    private static byte[] EncodeAlgorithmIdentifier(string oid, bool withNullParameters)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            if (withNullParameters)
            {
                writer.WriteNull();
            }
        }

        return writer.Encode();
    }
}
