using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Errors;
using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Transparency;

/// <summary>
/// The device transparency log (spec §4.13.6): certificate issuance, rotation, revocation, de-registration and
/// releases as leaves of an RFC 9162 Merkle tree in the database, with signed tree heads and the proofs an auditor
/// needs. Every replica keeps the leaf hashes in a <see cref="MerkleTree"/> and catches up from the database before it
/// answers, so all replicas serve one tree. The host maps <c>GET /transparency/sth</c>,
/// <c>/transparency/proof/inclusion</c> and <c>/transparency/proof/consistency</c> to the methods here.
/// </summary>
public sealed partial class TransparencyLog : IDisposable
{
    /// <summary>The application id of the log's signing key (no key policy: unreachable from the key-manager API).</summary>
    public const string SigningKeyApplicationId = "KAVACH_DEVICE_LOG";

    private const int ReadPage = 1000;

    private readonly ITransparencyLogStore _store;
    private readonly VaultSigningKey _key;
    private readonly TimeProvider _time;
    private readonly ILogger<TransparencyLog> _logger;
    private readonly MerkleTree _tree = new();
    private readonly SemaphoreSlim _sync = new(1, 1);

    /// <summary>Creates the log over its store and its signing key.</summary>
    public TransparencyLog(ITransparencyLogStore store, VaultSigningKey key, TimeProvider time, ILogger<TransparencyLog> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _key = key;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Appends <paramref name="entry"/> (its time is set to now to the millisecond when it has none finer than that)
    /// and signs a tree head that includes it. Returns the leaf index.
    /// </summary>
    public async Task<Result<long>> AppendAsync(TransparencyEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        entry = entry with { Time = TruncateToMilliseconds(entry.Time) };
        if (TransparencyEntryCodec.Validate(entry) is not null)
        {
            return TransparencyErrors.InvalidEntry;
        }

        var leaf = TransparencyEntryCodec.Encode(entry);
        var index = await _store.AppendLeafAsync(entry, leaf, MerkleHashes.Leaf(leaf), TruncateToMilliseconds(_time.GetUtcNow()), cancellationToken);
        LogAppended(_logger, index, TransparencyEntryCodec.KindName(entry.Kind));
        await PublishTreeHeadAsync(cancellationToken);
        return index;
    }

    /// <summary>The latest signed tree head, signing one first when leaves were appended since the last (or none exists).</summary>
    public async Task<SignedTreeHead> GetTreeHeadAsync(CancellationToken cancellationToken)
    {
        var latest = await _store.GetLatestTreeHeadAsync(cancellationToken);
        var count = await _store.GetLeafCountAsync(cancellationToken);
        return latest is not null && latest.TreeSize >= count ? latest : await PublishTreeHeadAsync(cancellationToken);
    }

    /// <summary>The signed tree head of exactly <paramref name="treeSize"/> leaves, when one was signed.</summary>
    public async Task<Result<SignedTreeHead>> GetTreeHeadAsync(long treeSize, CancellationToken cancellationToken) =>
        treeSize < 0
            ? TransparencyErrors.InvalidTreeSize
            : await _store.GetTreeHeadAsync(treeSize, cancellationToken) is { } head ? head : TransparencyErrors.TreeHeadNotFound;

    /// <summary>The log's signing certificates still valid (current first): what auditors pin.</summary>
    public Task<IReadOnlyList<X509Certificate2>> GetSigningCertificatesAsync(CancellationToken cancellationToken) =>
        _key.GetCertificatesAsync(cancellationToken);

    /// <summary>
    /// The inclusion proof of the leaf whose hash is <paramref name="leafHashHex"/> in the tree of
    /// <paramref name="treeSize"/> leaves (the latest signed tree head's size when null), with the leaf's bytes.
    /// </summary>
    public async Task<Result<(InclusionProof Proof, byte[] Leaf)>> GetInclusionProofAsync(string? leafHashHex, long? treeSize, CancellationToken cancellationToken)
    {
        if (leafHashHex is not { Length: MerkleHashes.Size * 2 } || !leafHashHex.All(char.IsAsciiHexDigit))
        {
            return TransparencyErrors.InvalidEntry;
        }

        var leaf = await _store.FindLeafByHashAsync(Convert.FromHexString(leafHashHex), cancellationToken);
        if (leaf is null)
        {
            return TransparencyErrors.LeafNotFound;
        }

        var size = treeSize ?? (await GetTreeHeadAsync(cancellationToken)).TreeSize;
        await CatchUpAsync(cancellationToken);
        if (size < 1 || size > _tree.Size)
        {
            return TransparencyErrors.InvalidTreeSize;
        }

        if (leaf.Index >= size)
        {
            return TransparencyErrors.LeafNotFound;
        }

        return (new InclusionProof(leaf.Index, size, leaf.LeafHash, _tree.InclusionProof(leaf.Index, size)), leaf.Leaf);
    }

    /// <summary>The consistency proof between the trees of <paramref name="first"/> and <paramref name="second"/> leaves.</summary>
    public async Task<Result<ConsistencyProof>> GetConsistencyProofAsync(long first, long second, CancellationToken cancellationToken)
    {
        await CatchUpAsync(cancellationToken);
        if (first < 0 || first > second || second > _tree.Size)
        {
            return TransparencyErrors.InvalidTreeSize;
        }

        return new ConsistencyProof(first, second, _tree.ConsistencyProof(first, second));
    }

    /// <summary>Runs <see cref="FtmUniquenessCheck"/> over every leaf of the log.</summary>
    public async Task<IReadOnlyList<FtmConflict>> FindFtmConflictsAsync(CancellationToken cancellationToken)
    {
        var entries = new List<(long, TransparencyEntry)>();
        for (long from = 0; ; from += ReadPage)
        {
            var page = await _store.ReadLeavesAsync(from, ReadPage, cancellationToken);
            foreach (var leaf in page)
            {
                if (TransparencyEntryCodec.TryDecode(leaf.Leaf, out var entry))
                {
                    entries.Add((leaf.Index, entry));
                }
            }

            if (page.Count < ReadPage)
            {
                break;
            }
        }

        return FtmUniquenessCheck.Find(entries);
    }

    /// <summary>Releases the catch-up gate.</summary>
    public void Dispose() => _sync.Dispose();

    /// <summary>Signs a tree head for every leaf stored now (another replica may have signed that size first; its head stays).</summary>
    private async Task<SignedTreeHead> PublishTreeHeadAsync(CancellationToken cancellationToken)
    {
        await CatchUpAsync(cancellationToken);
        var size = _tree.Size;
        if (await _store.GetTreeHeadAsync(size, cancellationToken) is { } existing)
        {
            return existing;
        }

        var root = _tree.RootHash(size);
        var timestamp = TruncateToMilliseconds(_time.GetUtcNow());
        var (signature, certificate) = await _key.SignAsync(SignedTreeHead.SignedBytes(size, root, timestamp), cancellationToken);
        var head = new SignedTreeHead(size, root, timestamp, TransparencyVerifier.KeyIdOf(certificate), signature);
        if (await _store.TryInsertTreeHeadAsync(head, cancellationToken))
        {
            LogTreeHead(_logger, size, Convert.ToHexStringLower(root));
            return head;
        }

        return await _store.GetTreeHeadAsync(size, cancellationToken) ?? head;
    }

    /// <summary>Adds the leaves appended since the last call (by any replica) to the in-memory tree, checking each stored hash.</summary>
    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await _sync.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                var page = await _store.ReadLeavesAsync(_tree.Size, ReadPage, cancellationToken);
                foreach (var leaf in page)
                {
                    // A leaf whose stored hash is not its bytes' hash was changed behind the log's back: stop serving proofs.
                    if (leaf.Index != _tree.Size || !CryptographicOperations.FixedTimeEquals(MerkleHashes.Leaf(leaf.Leaf), leaf.LeafHash))
                    {
                        throw new InvalidOperationException($"The transparency log is damaged at leaf {leaf.Index}.");
                    }

                    _tree.Append(leaf.LeafHash);
                }

                if (page.Count < ReadPage)
                {
                    return;
                }
            }
        }
        finally
        {
            _sync.Release();
        }
    }

    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value) =>
        DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "Transparency log: leaf {Index} appended ({Kind}).")]
    private static partial void LogAppended(ILogger logger, long index, string kind);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Debug, Message = "Transparency log: tree head signed for size {Size}, root {Root}.")]
    private static partial void LogTreeHead(ILogger logger, long size, string root);
}
