using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Vault;

namespace Kavach.Vaults.Pkcs11;

/// <summary>
/// Signs certificates and CSRs with a key that stays in the token: SHA256withRSA for RSA keys, SHA256withECDSA for EC
/// keys. Internal on purpose: it signs whatever .NET's certificate builders hand it, so only the vault's own issuance
/// calls (<see cref="IKeyVault.IssueCertificate"/>, <see cref="IKeyVault.CreateSigningRequest"/>, self-signing a new
/// key) ever make one.
/// </summary>
internal sealed class TokenSignatureGenerator : X509SignatureGenerator
{
    private static readonly byte[] Sha256WithRsaIdentifier = EncodeAlgorithmIdentifier("1.2.840.113549.1.1.11", withNullParameters: true);
    private static readonly byte[] EcdsaWithSha256Identifier = EncodeAlgorithmIdentifier("1.2.840.10045.4.3.2", withNullParameters: false);

    private readonly Func<byte[], VaultSignatureAlgorithm, byte[]> _sign;
    private readonly PublicKey _publicKey;
    private readonly bool _isEc;

    /// <summary>Creates a generator that signs with <paramref name="sign"/> for the key whose public key is <paramref name="publicKey"/>.</summary>
    public TokenSignatureGenerator(Func<byte[], VaultSignatureAlgorithm, byte[]> sign, PublicKey publicKey)
    {
        _sign = sign;
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
            return _sign(data, VaultSignatureAlgorithm.RsaPkcs1Sha256);
        }

        // X.509 wants ECDSA signatures DER-encoded; the token returns IEEE P1363 (r||s).
        return EcdsaSignatureFormat.ToDer(_sign(data, VaultSignatureAlgorithm.EcdsaSha256));
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
