using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Kavach.Vaults;

/// <summary>
/// Reads and writes the vault file, laid out as Java's PKCS12 keystore lays out its entries:
/// <list type="bullet">
/// <item>a key pair is a pkcs8ShroudedKeyBag plus a certBag (x509Certificate), both carrying friendlyName = alias
/// and the same localKeyId;</item>
/// <item>an AES-256 secret key is a secretBag of type pkcs8ShroudedKeyBag whose value is an OCTET STRING holding
/// the EncryptedPrivateKeyInfo of a PrivateKeyInfo { AES OID 2.16.840.1.101.3.4.1, raw 32-byte key }, with the
/// same two attributes;</item>
/// <item>private and secret keys are encrypted with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC); key bags and secret
/// bags go in one plain Data safe, certificates in a second plain Data safe (certificates are public; the MAC still
/// covers them);</item>
/// <item>the whole file is sealed with an HMAC-SHA256 MAC (PKCS#12 key derivation).</item>
/// </list>
/// </summary>
internal static class Pkcs12VaultCodec
{
    /// <summary>
    /// OWASP's figure for PBKDF2-HMAC-SHA256 (about 0.15 s per key here). The generated password is already
    /// 256 bits of entropy; the count keeps the file safe if an operator ever swaps in a weaker password.
    /// </summary>
    public const int KeyIterations = 600_000;

    /// <summary>Java's default MAC iteration count; the MAC is checked on every reload, so it stays modest.</summary>
    public const int MacIterations = 10_000;

    /// <summary>The encryption of every key bag.</summary>
    public static readonly PbeParameters KeyEncryption = new(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, KeyIterations);

    private const string ShroudedKeyBagOid = "1.2.840.113549.1.12.10.1.2";
    private const string X509CertificateOid = "1.2.840.113549.1.9.22.1";

    /// <summary>Encodes <paramref name="entries"/> as a MAC-sealed PKCS#12 file.</summary>
    public static byte[] Encode(IEnumerable<VaultEntry> entries, ReadOnlySpan<char> password)
    {
        var keys = new Pkcs12SafeContents();
        var certificates = new Pkcs12SafeContents();
        foreach (var entry in entries.OrderBy(entry => entry.Alias, StringComparer.Ordinal))
        {
            switch (entry)
            {
                case KeyPairEntry pair:
                    var keyBag = new Pkcs12ShroudedKeyBag(pair.EncryptedKey, skipCopy: true);
                    Pkcs12BagAttributes.Write(keyBag, pair.Alias, pair.LocalKeyId);
                    keys.AddSafeBag(keyBag);
                    var certificateBag = new Pkcs12CertBag(new Oid(X509CertificateOid), OctetString(pair.Certificate));
                    Pkcs12BagAttributes.Write(certificateBag, pair.Alias, pair.LocalKeyId);
                    certificates.AddSafeBag(certificateBag);
                    break;
                case SecretKeyEntry secret:
                    var secretBag = keys.AddSecret(new Oid(ShroudedKeyBagOid), OctetString(secret.EncryptedKey));
                    Pkcs12BagAttributes.Write(secretBag, secret.Alias, secret.LocalKeyId);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown vault entry type {entry.GetType().Name}.");
            }
        }

        var builder = new Pkcs12Builder();
        if (keys.GetBags().Any())
        {
            builder.AddSafeContentsUnencrypted(keys);
        }

        if (certificates.GetBags().Any())
        {
            builder.AddSafeContentsUnencrypted(certificates);
        }

        builder.SealWithMac(password, HashAlgorithmName.SHA256, MacIterations);
        return builder.Encode();
    }

    /// <summary>
    /// Decodes a vault file: verifies its MAC and reads its bags, deriving no key (see <see cref="DeferredKey"/>). Key
    /// pairs whose encrypted bytes equal an entry of <paramref name="previous"/> keep that entry's key, loaded or not.
    /// </summary>
    /// <exception cref="VaultOpenException">Wrong password, or a file this vault cannot read without losing data.</exception>
    public static List<VaultEntry> Decode(byte[] file, ReadOnlySpan<char> password, VaultSnapshot previous)
    {
        try
        {
            var info = Pkcs12Info.Decode(file, out var consumed, skipCopy: true);
            if (consumed != file.Length || info.IntegrityMode != Pkcs12IntegrityMode.Password)
            {
                throw new InvalidDataException("The vault file is not a single password-MAC-protected PKCS#12 structure.");
            }

            if (!info.VerifyMac(password))
            {
                throw new VaultOpenException("The vault password does not open the vault file (wrong password or a damaged file).");
            }

            List<DecodedBag> keys = [], certificates = [], secrets = [];
            ReadBags(info, password, keys, certificates, secrets);
            return Match(keys, certificates, secrets, previous);
        }
        catch (Exception exception) when (exception is CryptographicException or AsnContentException or InvalidDataException)
        {
            throw Damaged(exception);
        }
    }

    /// <summary>
    /// The error for a file (or, found at a key's first use, a key bag) this vault cannot read: one message for every
    /// cause, the cause kept as the inner exception for the debug log.
    /// </summary>
    public static VaultOpenException Damaged(Exception cause) =>
        new("The vault file is damaged or holds entries this vault cannot keep.", cause);

    private static void ReadBags(Pkcs12Info info, ReadOnlySpan<char> password, List<DecodedBag> keys, List<DecodedBag> certificates, List<DecodedBag> secrets)
    {
        foreach (var contents in info.AuthenticatedSafe)
        {
            switch (contents.ConfidentialityMode)
            {
                case Pkcs12ConfidentialityMode.None:
                    break;
                case Pkcs12ConfidentialityMode.Password:
                    contents.Decrypt(password);
                    break;
                default:
                    throw new InvalidDataException($"The vault file holds a safe protected by {contents.ConfidentialityMode}, which the vault does not read.");
            }

            foreach (var bag in contents.GetBags())
            {
                var attributes = Pkcs12BagAttributes.Read(bag);
                switch (bag)
                {
                    case Pkcs12ShroudedKeyBag keyBag:
                        keys.Add(new DecodedBag(attributes, keyBag.EncryptedPkcs8PrivateKey.ToArray()));
                        break;
                    case Pkcs12CertBag certificateBag when certificateBag.IsX509Certificate:
                        certificates.Add(new DecodedBag(attributes, FromOctetString(certificateBag.EncodedCertificate)));
                        break;
                    case Pkcs12SecretBag secretBag when secretBag.GetSecretType().Value == ShroudedKeyBagOid:
                        secrets.Add(new DecodedBag(attributes, FromOctetString(secretBag.SecretValue)));
                        break;
                    default:
                        // Rewriting the file would silently drop what is not understood; refuse instead.
                        throw new InvalidDataException($"The vault file holds a bag of type {bag.GetBagId().Value}, which the vault does not keep.");
                }
            }
        }
    }

    private static List<VaultEntry> Match(
        List<DecodedBag> keys,
        List<DecodedBag> certificates,
        List<DecodedBag> secrets,
        VaultSnapshot previous)
    {
        var entries = new List<VaultEntry>();
        var aliases = new HashSet<string>(StringComparer.Ordinal);
        var usedCertificates = new bool[certificates.Count];
        foreach (var (attributes, encryptedKey) in keys)
        {
            var alias = RequireAlias(attributes, aliases);
            var index = FindCertificate(certificates, usedCertificates, attributes);
            var certificate = certificates[index].Value;
            usedCertificates[index] = true;
            var key = previous.Entries.TryGetValue(alias, out var known) && known is KeyPairEntry pair
                && pair.EncryptedKey.AsSpan().SequenceEqual(encryptedKey)
                    ? Keep(pair, encryptedKey, certificate)
                    : new DeferredKey(encryptedKey, VaultKeyMaterial.CertificatePublicKey(certificate));
            entries.Add(new KeyPairEntry(alias, attributes.LocalKeyId ?? RandomNumberGenerator.GetBytes(20), encryptedKey, certificate, key));
        }

        foreach (var (attributes, encryptedKey) in secrets)
        {
            var alias = RequireAlias(attributes, aliases);
            entries.Add(new SecretKeyEntry(alias, attributes.LocalKeyId ?? RandomNumberGenerator.GetBytes(20), encryptedKey));
        }

        if (Array.IndexOf(usedCertificates, false) >= 0)
        {
            throw new InvalidDataException("The vault file holds a certificate without a private key, which the vault does not keep.");
        }

        return entries;
    }

    // The same encrypted bytes: the key this process has (perhaps already decrypted) stays, unless the certificate now
    // names another public key. A decrypted key that the new certificate does not match makes the file damaged, as
    // before; an undecrypted one is replaced by one expected to match the new certificate, checked at first use.
    private static DeferredKey Keep(KeyPairEntry pair, byte[] encryptedKey, byte[] certificate)
    {
        if (pair.Certificate.AsSpan().SequenceEqual(certificate))
        {
            return pair.Key;
        }

        var publicKey = VaultKeyMaterial.CertificatePublicKey(certificate);
        if (publicKey.AsSpan().SequenceEqual(pair.Key.SubjectPublicKeyInfo))
        {
            return pair.Key;
        }

        return pair.Key.IsLoaded
            ? throw new InvalidDataException("A private key in the vault file does not match its certificate.")
            : new DeferredKey(encryptedKey, publicKey);
    }

    private static string RequireAlias(Pkcs12BagAttributes attributes, HashSet<string> seen)
    {
        if (string.IsNullOrEmpty(attributes.FriendlyName))
        {
            throw new InvalidDataException("A key in the vault file has no friendlyName (alias).");
        }

        if (!seen.Add(attributes.FriendlyName))
        {
            throw new InvalidDataException($"The vault file holds the alias '{attributes.FriendlyName}' twice.");
        }

        return attributes.FriendlyName;
    }

    // localKeyId is the link PKCS#12 defines; friendlyName is the fallback for files written without it.
    private static int FindCertificate(List<DecodedBag> certificates, bool[] used, Pkcs12BagAttributes key)
    {
        for (var i = 0; i < certificates.Count; i++)
        {
            var candidate = certificates[i].Attributes;
            var matches = key.LocalKeyId is not null
                ? candidate.LocalKeyId is not null && candidate.LocalKeyId.AsSpan().SequenceEqual(key.LocalKeyId)
                : candidate.LocalKeyId is null && candidate.FriendlyName == key.FriendlyName;
            if (matches && !used[i])
            {
                return i;
            }
        }

        throw new InvalidDataException($"The key '{key.FriendlyName}' in the vault file has no certificate.");
    }

    private static byte[] OctetString(byte[] content)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteOctetString(content);
        return writer.Encode();
    }

    private static byte[] FromOctetString(ReadOnlyMemory<byte> encoded)
    {
        var content = AsnDecoder.ReadOctetString(encoded.Span, AsnEncodingRules.BER, out var consumed);
        if (consumed != encoded.Length)
        {
            throw new InvalidDataException("Trailing data after a PKCS#12 bag value.");
        }

        return content;
    }
}
