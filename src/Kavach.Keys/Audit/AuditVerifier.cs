using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto;
using Kavach.Keys.Certificates;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;

namespace Kavach.Keys.Audit;

/// <summary>
/// Verifies the whole chain and every checkpoint and names the first bad record: a missing sequence number
/// (deleted row), a record whose prev_hash is not its predecessor's hash (inserted or reordered rows), a record whose
/// hash does not match its contents (edited row), a checkpoint that does not match the chain (rows rewritten with
/// recomputed hashes), or a checkpoint whose signature, certificate or MAC is wrong (forged checkpoint).
/// </summary>
public sealed class AuditVerifier
{
    private const int PageSize = 5000;

    private readonly IAuditStore _store;
    private readonly IKeyStore _keys;
    private readonly IKeyVault _vault;
    private readonly AuditSecrets _secrets;

    private readonly AuditAnchors? _anchors;

    /// <summary>Creates the verifier; with <paramref name="anchors"/>, the log must also reach the last anchored checkpoint.</summary>
    public AuditVerifier(IAuditStore store, IKeyStore keys, IKeyVault vault, AuditSecrets secrets, AuditAnchors? anchors = null)
    {
        _store = store;
        _keys = keys;
        _vault = vault;
        _secrets = secrets;
        _anchors = anchors;
    }

    /// <summary>Reads everything and verifies it.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        // Anchors first: each is written after its checkpoint committed, so every anchor read now names records that
        // the reads below must find.
        var (anchor, badAnchorLine) = _anchors is null ? (null, null) : await _anchors.ReadLatestAsync(cancellationToken);
        var checkpoints = await _store.ReadAuditCheckpointsAsync(long.MinValue, long.MaxValue, cancellationToken);
        var wanted = checkpoints.Select(c => c.Seq).ToHashSet();
        if (anchor is not null)
        {
            wanted.Add(anchor.Seq);
        }

        var hashes = new Dictionary<long, string>();
        long records = 0;
        long headSeq = 0;
        (long Seq, string Problem)? chainProblem = null;

        var expected = 1L;
        var previousHash = AuditChain.GenesisHash;
        var macKeys = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        var from = long.MinValue;
        while (chainProblem is null)
        {
            var page = await _store.ReadAuditRecordsAsync(from, long.MaxValue, PageSize, cancellationToken);
            foreach (var record in page)
            {
                records++;
                headSeq = record.Seq;
                chainProblem = CheckRecord(record, expected, previousHash) ?? await CheckMacAsync(record, macKeys, cancellationToken);
                if (chainProblem is not null)
                {
                    break;
                }

                if (wanted.Contains(record.Seq))
                {
                    hashes[record.Seq] = record.Hash;
                }

                expected = record.Seq + 1;
                previousHash = record.Hash;
            }

            if (page.Count < PageSize)
            {
                break;
            }

            from = page[^1].Seq + 1;
        }

        foreach (var key in macKeys.Values.OfType<byte[]>())
        {
            CryptographicOperations.ZeroMemory(key);
        }

        var goodHead = chainProblem is { } broken ? broken.Seq - 1 : headSeq;
        var (verified, lastCovered, checkpointProblem) = await CheckCheckpointsAsync(checkpoints, hashes, goodHead, chainProblem is not null, cancellationToken);
        var anchorProblem = badAnchorLine is { } line
            ? (0L, $"line {line} of the audit anchor file is not an authentic anchor (edited or forged)")
            : CheckAnchor(anchor, records, headSeq, hashes, chainProblem is not null);
        var problem = new[] { chainProblem, checkpointProblem, anchorProblem }
            .Where(p => p is not null)
            .OrderBy(p => p!.Value.Seq)
            .FirstOrDefault();
        return new AuditVerification(records, headSeq, verified, lastCovered, problem?.Seq, problem?.Problem, anchor?.Seq ?? 0);
    }

    private static (long Seq, string Problem)? CheckAnchor(AuditAnchor? anchor, long records, long headSeq, Dictionary<long, string> hashes, bool chainBroken)
    {
        if (anchor is null)
        {
            return null;
        }

        var at = AuditChain.FormatTime(anchor.CreatedAt);
        if (records == 0)
        {
            return (1, $"the audit log is empty, but record {anchor.Seq} was anchored outside the database at {at}: the log was emptied");
        }

        if (headSeq < anchor.Seq)
        {
            // After a chain break the reading stopped early; the chain check names the earlier record.
            return chainBroken
                ? null
                : (headSeq + 1, $"the audit log ends at record {headSeq}, but record {anchor.Seq} was anchored outside the database at {at}: records {headSeq + 1}..{anchor.Seq} were cut off");
        }

        return hashes.TryGetValue(anchor.Seq, out var hash) && !string.Equals(hash, anchor.RecordHash, StringComparison.Ordinal)
            ? (anchor.Seq, $"record {anchor.Seq} does not match its anchor outside the database (rewritten)")
            : null;
    }

    private static (long Seq, string Problem)? CheckRecord(AuditRecord record, long expected, string previousHash)
    {
        if (record.Seq > expected)
        {
            return (expected, $"record {expected} is missing (deleted); the next record is {record.Seq}");
        }

        if (record.Seq < expected)
        {
            return (record.Seq, $"record {record.Seq} is out of sequence (inserted or duplicated); expected {expected}");
        }

        if (!string.Equals(record.PrevHash, previousHash, StringComparison.Ordinal))
        {
            return (record.Seq, $"record {record.Seq} does not follow record {record.Seq - 1} (prev_hash differs: a row was inserted, deleted or reordered)");
        }

        if (!string.Equals(AuditChain.Hash(record.Seq, record.Entry, record.PrevHash), record.Hash, StringComparison.Ordinal))
        {
            return (record.Seq, $"record {record.Seq} does not match its hash (edited)");
        }

        return null;
    }

    private async Task<(long Seq, string Problem)?> CheckMacAsync(AuditRecord record, Dictionary<string, byte[]?> keys, CancellationToken cancellationToken)
    {
        if (record.MacKeyAlias is not { } alias || record.Mac is not { } mac)
        {
            return (record.Seq, $"record {record.Seq} has no MAC (not written by Kavach: inserted)");
        }

        if (!keys.TryGetValue(alias, out var key))
        {
            key = await _secrets.RecordKeyOfAsync(alias, cancellationToken);
            keys[alias] = key;
        }

        var expected = key is null ? null : HMACSHA256.HashData(key, AuditChain.CanonicalBytes(record.Seq, record.Entry, record.PrevHash));
        return expected is not null && IsHex(mac) && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(mac), expected)
            ? null
            : (record.Seq, $"record {record.Seq} fails its MAC (written or rewritten outside Kavach)");
    }

    private async Task<(int Verified, long LastCovered, (long Seq, string Problem)? Problem)> CheckCheckpointsAsync(
        IReadOnlyList<AuditCheckpoint> checkpoints, Dictionary<long, string> hashes, long goodHead, bool chainBroken, CancellationToken cancellationToken)
    {
        var roots = await RootCertificatesAsync(cancellationToken);
        var kernelSign = (await _keys.GetAliasesAsync(KeyIds.Kernel, KeyIds.Sign, cancellationToken))
            .Select(a => a.CertThumbprint).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var verified = 0;
        var lastCovered = 0L;
        foreach (var checkpoint in checkpoints.OrderBy(c => c.Seq))
        {
            if (checkpoint.Seq > goodHead)
            {
                // After a chain break the chain check has already named an earlier record; otherwise the rows this
                // checkpoint covers were cut off the end of the chain.
                return (verified, lastCovered, chainBroken
                    ? null
                    : (goodHead + 1, $"records {goodHead + 1}..{checkpoint.Seq} are missing (deleted); the checkpoint at record {checkpoint.Seq} covers them"));
            }

            if (!hashes.TryGetValue(checkpoint.Seq, out var hash) || !string.Equals(hash, checkpoint.RecordHash, StringComparison.Ordinal))
            {
                return (verified, lastCovered, (lastCovered + 1,
                    $"records {lastCovered + 1}..{checkpoint.Seq} were rewritten: the checkpoint at record {checkpoint.Seq} does not match the chain"));
            }

            if (await CheckSignatureAsync(checkpoint, roots, kernelSign, cancellationToken) is { } why)
            {
                return (verified, lastCovered, (checkpoint.Seq, $"checkpoint at record {checkpoint.Seq} is not authentic: {why}"));
            }

            verified++;
            lastCovered = checkpoint.Seq;
        }

        return (verified, lastCovered, null);
    }

    private async Task<string?> CheckSignatureAsync(AuditCheckpoint checkpoint, X509Certificate2Collection roots, HashSet<string> kernelSign, CancellationToken cancellationToken)
    {
        if (!Pem.TryParseCertificate(checkpoint.CertificatePem, out var certificate))
        {
            return "the certificate does not parse";
        }

        using (certificate)
        {
            var thumbprint = Thumbprints.Sha256UpperHex(certificate.RawData);
            if (!string.Equals(thumbprint, checkpoint.CertificateThumbprint, StringComparison.OrdinalIgnoreCase))
            {
                return "the certificate thumbprint differs";
            }

            if (!kernelSign.Contains(thumbprint))
            {
                return "the certificate is not a KERNEL/SIGN certificate of this key manager";
            }

            if (!ChainsToRoot(certificate, roots, checkpoint.CreatedAt))
            {
                return "the certificate does not chain to our ROOT";
            }

            var bytes = checkpoint.SignedBytes();
            using var rsa = certificate.GetRSAPublicKey();
            if (!string.Equals(checkpoint.Algorithm, "PS256", StringComparison.Ordinal) ||
                rsa is null ||
                !Base64Url.TryDecodeUrlSafe(checkpoint.Signature, out var signature) ||
                !rsa.VerifyData(bytes, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss))
            {
                return "the signature does not verify";
            }

            if (checkpoint.MacKeyAlias is null || checkpoint.Mac is null)
            {
                return "the MAC is missing";
            }

            var key = await _secrets.CheckpointKeyOfAsync(checkpoint.MacKeyAlias, cancellationToken);
            if (key is null)
            {
                return "the MAC key is not an audit key";
            }

            var expected = HMACSHA256.HashData(key, bytes);
            CryptographicOperations.ZeroMemory(key);
            return IsHex(checkpoint.Mac) && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(checkpoint.Mac), expected)
                ? null
                : "the MAC does not verify";
        }
    }

    private static bool IsHex(string value) => value.Length % 2 == 0 && value.All(char.IsAsciiHexDigit);

    private static bool ChainsToRoot(X509Certificate2 certificate, X509Certificate2Collection roots, DateTime at)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = DateTime.SpecifyKind(at, DateTimeKind.Utc);
        return chain.Build(certificate);
    }

    private async Task<X509Certificate2Collection> RootCertificatesAsync(CancellationToken cancellationToken)
    {
        var roots = new X509Certificate2Collection();
        // KERNEL/SIGN is issued by the KERNEL module key (older versions: by ROOT); both come from our own vault.
        var anchors = (await _keys.GetAliasesAsync(KeyIds.Root, string.Empty, cancellationToken))
            .Concat(await _keys.GetAliasesAsync(KeyIds.Kernel, string.Empty, cancellationToken));
        foreach (var alias in anchors)
        {
            if (await _vault.GetCertificateAsync(alias.Id, cancellationToken) is { } root)
            {
                roots.Add(root);
            }
        }

        return roots;
    }
}
