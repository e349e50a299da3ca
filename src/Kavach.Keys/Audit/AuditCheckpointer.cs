using System.Security.Cryptography;
using System.Text;
using Kavach.Crypto;
using Kavach.Crypto.Jose;
using Kavach.Keys.Certificates;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Signatures;
using Kavach.Keys.Storage;

namespace Kavach.Keys.Audit;

/// <summary>
/// Makes checkpoints: under the audit lock, reads the head and the last checkpoint, records a <c>policy.change</c>
/// when <c>key_policy_def</c> differs from the state the last checkpoint saw, then signs the head with KERNEL/SIGN
/// (PS256) and MACs it. The signing key, MAC key and policies are fetched before the lock is taken, so locks never nest.
/// A KERNEL/SIGN key generated for the checkpoint (first use, or rotation at expiry) gets its <c>key.generate</c> record
/// (actor SYSTEM) in the chain under that checkpoint. Once committed, the checkpoint's head is anchored outside the
/// database (<see cref="AuditAnchors"/>).
/// </summary>
public sealed class AuditCheckpointer
{
    /// <summary>The operation name of policy change records.</summary>
    public const string PolicyChangeOperation = "policy.change";

    /// <summary>The operation named as the cause (<c>via=</c>) of keys generated while checkpointing.</summary>
    public const string CheckpointOperation = "audit.checkpoint";

    private readonly IAuditStore _store;
    private readonly IKeyStore _keys;
    private readonly SigningKeyProvider _signingKeys;
    private readonly AuditSecrets _secrets;
    private readonly TimeProvider _time;
    private readonly AuditAnchors? _anchors;

    /// <summary>Creates the checkpointer; with <paramref name="anchors"/>, every checkpoint is also anchored outside the database.</summary>
    public AuditCheckpointer(IAuditStore store, IKeyStore keys, SigningKeyProvider signingKeys, AuditSecrets secrets, TimeProvider time, AuditAnchors? anchors = null)
    {
        _store = store;
        _keys = keys;
        _signingKeys = signingKeys;
        _secrets = secrets;
        _time = time;
        _anchors = anchors;
    }

    /// <summary>
    /// Makes a checkpoint when at least <paramref name="minNewRecords"/> records follow the last one (0: even when none
    /// do, as long as the chain is not empty and the head is not already covered). Returns it, or null when none was due.
    /// </summary>
    public async Task<AuditCheckpoint?> CreateAsync(long minNewRecords, CancellationToken cancellationToken)
    {
        // A scope of its own (this method is async, so the caller's scope is back when it returns): a KERNEL/SIGN key
        // made here is recorded here, also when no request or command is around (background checkpoints).
        var keyScope = new AuditScope();
        AuditScope.Enter(keyScope);
        var signingKey = await _signingKeys.GetAsync(KeyIds.Kernel, KeyIds.Sign, cancellationToken);
        AuditScope.Enter(null);
        if (!signingKey.IsSuccess)
        {
            throw new AuditUnavailableException($"The checkpoint signing key is not available ({signingKey.Error.Code}).");
        }

        var prepared = await _signingKeys.PrepareAsync(signingKey.Value, JwsAlgorithm.PS256, cancellationToken);
        if (!prepared.IsSuccess)
        {
            throw new AuditUnavailableException($"The checkpoint signing key cannot sign ({prepared.Error.Code}).");
        }

        using var signer = prepared.Value;
        var (macAlias, macKey) = await _secrets.GetCheckpointKeyAsync(cancellationToken);
        var (recordMacAlias, recordMacKey) = await _secrets.GetRecordKeyAsync(cancellationToken);
        var policyState = PolicyState(await _keys.GetPoliciesAsync(cancellationToken));
        var certificate = signingKey.Value.Certificate;
        var thumbprint = Thumbprints.Sha256UpperHex(certificate.RawData);

        AuditCheckpoint checkpoint;
        await using (var scope = await _store.BeginAuditWriteAsync(cancellationToken))
        {
            var head = await scope.GetHeadAsync(cancellationToken);
            var last = await scope.GetLastCheckpointAsync(cancellationToken);
            var now = AuditFields.TruncateToMicroseconds(_time.GetUtcNow().UtcDateTime);
            var generated = keyScope.GeneratedKeyEntries(new AuditEntry
            {
                Time = now,
                Actor = "SYSTEM",
                Operation = CheckpointOperation,
                Outcome = AuditOutcomes.Success,
            });
            foreach (var entry in generated)
            {
                var sealedEntry = AuditChain.Seal(head.Seq + 1, entry, head.Hash, recordMacAlias, recordMacKey);
                await scope.InsertRecordsAsync([sealedEntry], cancellationToken);
                head = new AuditHead(sealedEntry.Seq, sealedEntry.Hash);
            }

            var policyChanged = last?.PolicyState is { } previousState && previousState != policyState;
            if (policyChanged)
            {
                var change = AuditChain.Seal(head.Seq + 1, new AuditEntry
                {
                    Time = now,
                    Actor = "SYSTEM",
                    Operation = PolicyChangeOperation,
                    Outcome = AuditOutcomes.Success,
                    Detail = DescribeChange(last!.PolicyState!, policyState),
                }, head.Hash, recordMacAlias, recordMacKey);
                await scope.InsertRecordsAsync([change], cancellationToken);
                head = new AuditHead(change.Seq, change.Hash);
            }

            var lastSeq = last?.Seq ?? 0;
            // A policy change or key generation record is always committed under a checkpoint of its own.
            if (!policyChanged && generated.Count == 0 && (head.Seq == 0 || head.Seq == lastSeq || head.Seq - lastSeq < minNewRecords))
            {
                return null;
            }

            var bytes = AuditCheckpoint.BytesFor(head.Seq, head.Hash, now, thumbprint, policyState, macAlias);
            checkpoint = new AuditCheckpoint(
                head.Seq,
                head.Hash,
                now,
                signingKey.Value.Key.Alias.Id,
                thumbprint,
                Pem.Certificate(certificate),
                nameof(JwsAlgorithm.PS256),
                Base64Url.Encode(signer.Sign(bytes)),
                policyState,
                macAlias,
                Convert.ToHexStringLower(HMACSHA256.HashData(macKey, bytes)));
            await scope.InsertCheckpointAsync(checkpoint, cancellationToken);
            await scope.CommitAsync(cancellationToken);
        }

        // After the audit lock is released: the anchor's fsync must not hold up appends.
        if (_anchors is not null)
        {
            await _anchors.AnchorAsync(checkpoint, cancellationToken);
        }

        return checkpoint;
    }

    /// <summary><c>APP=hex8;…</c> by application id: the first 8 hex digits of SHA-256 over each row's settings.</summary>
    public static string PolicyState(IEnumerable<KeyPolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var parts = policies
            .OrderBy(p => p.AppId, StringComparer.Ordinal)
            .Select(p =>
            {
                var row = $"{p.ValidityDays}|{p.PreExpireDays}|{p.IsActive}|{p.AccessAllowed}";
                return p.AppId + "=" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(row)))[..8];
            });
        return string.Join(';', parts);
    }

    private static string DescribeChange(string before, string after)
    {
        var old = Parse(before);
        var now = Parse(after);
        var changed = now.Where(p => old.TryGetValue(p.Key, out var v) && v != p.Value).Select(p => p.Key);
        var added = now.Keys.Where(k => !old.ContainsKey(k));
        var removed = old.Keys.Where(k => !now.ContainsKey(k));
        var detail = new List<string>();
        Add(detail, "changed", changed);
        Add(detail, "added", added);
        Add(detail, "removed", removed);
        return string.Join(' ', detail);

        static void Add(List<string> detail, string name, IEnumerable<string> apps)
        {
            var list = apps.Order(StringComparer.Ordinal).ToList();
            if (list.Count > 0)
            {
                detail.Add(name + "=" + string.Join(',', list));
            }
        }
    }

    private static Dictionary<string, string> Parse(string state) =>
        state.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
}
