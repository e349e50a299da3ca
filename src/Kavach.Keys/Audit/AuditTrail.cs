using Kavach.Keys.Hierarchy;
using Kavach.Keys.Management;
using Kavach.Keys.Signatures;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;

namespace Kavach.Keys.Audit;

/// <summary>
/// The tamper-evident audit trail: batched appends to a hash chain (<see cref="AuditWriter"/>), signed checkpoints
/// every <see cref="AuditTrailSettings.CheckpointEveryRecords"/> records (<see cref="AuditCheckpointer"/>), keyed
/// identity hashes (<see cref="AuditSecrets"/>) and verification (<see cref="AuditVerifier"/>). One per runtime.
/// </summary>
public sealed class AuditTrail : IAsyncDisposable
{
    private readonly AuditTrailSettings _settings;
    private readonly TimeProvider _time;
    private long _lastCheckpointSeq = -1;
    private int _checkpointRunning;

    /// <summary>
    /// Composes the trail on the key store (which must also be an <see cref="IAuditStore"/>) and the vault; with
    /// <paramref name="anchorStore"/>, checkpoints are anchored there and verification checks the log against them.
    /// </summary>
    public AuditTrail(IAuditStore store, IKeyStore keys, IKeyVault vault, SigningKeyProvider signingKeys, KeyLifecycleService lifecycle, TimeProvider time, AuditTrailSettings settings, IAuditAnchorStore? anchorStore = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _time = time;
        Store = store;
        Secrets = new AuditSecrets(keys, vault, lifecycle, time);
        Writer = new AuditWriter(store, Secrets.GetRecordKeyAsync, time, settings.AppendTimeout, settings.MaxBatch, settings.CommitInterval);
        Anchors = anchorStore is null ? null : new AuditAnchors(anchorStore, Secrets);
        Checkpoints = new AuditCheckpointer(store, keys, signingKeys, Secrets, time, Anchors);
        Verifier = new AuditVerifier(store, keys, vault, Secrets, Anchors);
        Writer.Committed += OnCommitted;
        Secrets.KeyGenerated += alias => _ = RecordSystemEventAsync(AuditScope.KeyGenerateOperation, KeyIds.Kernel, AuditSecrets.ReferenceId, "alias:" + alias);
    }

    /// <summary>The store.</summary>
    public IAuditStore Store { get; }

    /// <summary>Keyed hashes and MAC keys.</summary>
    public AuditSecrets Secrets { get; }

    /// <summary>The batching appender.</summary>
    public AuditWriter Writer { get; }

    /// <summary>Checkpoint anchors outside the database, or null when none are kept.</summary>
    public AuditAnchors? Anchors { get; }

    /// <summary>Checkpoints.</summary>
    public AuditCheckpointer Checkpoints { get; }

    /// <summary>Verification.</summary>
    public AuditVerifier Verifier { get; }

    /// <summary>Raised when a checkpoint made in the background failed (the host logs it).</summary>
    public event Action<Exception>? CheckpointFailed;

    /// <summary>Raised after a checkpoint was made in the background.</summary>
    public event Action<AuditCheckpoint>? CheckpointCreated;

    /// <summary>
    /// Appends <paramref name="entry"/> and waits until it is committed. Throws <see cref="AuditUnavailableException"/>
    /// when it cannot be recorded within <see cref="AuditTrailSettings.AppendTimeout"/>: the caller must fail closed.
    /// </summary>
    public async Task<AuditRecord> AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            return await Writer.AppendAsync(entry).WaitAsync(_settings.AppendTimeout, _time, cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new AuditUnavailableException("The audit trail did not answer in time.", e);
        }
    }

    /// <summary>
    /// Appends <paramref name="entries"/> in this order (queued together, so normally sealed in one batch) and waits
    /// until all are committed; fails like <see cref="AppendAsync(AuditEntry, CancellationToken)"/>.
    /// </summary>
    public async Task AppendAllAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        var pending = new Task<AuditRecord>[entries.Count];
        for (var i = 0; i < pending.Length; i++)
        {
            pending[i] = Writer.AppendAsync(entries[i]);
        }

        try
        {
            await Task.WhenAll(pending).WaitAsync(_settings.AppendTimeout, _time, cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new AuditUnavailableException("The audit trail did not answer in time.", e);
        }
    }

    /// <summary>Waits until every entry queued so far is committed or has failed (before the store is closed).</summary>
    public Task FlushAsync(CancellationToken cancellationToken) =>
        Writer.FlushAsync(cancellationToken).WaitAsync(_settings.AppendTimeout, _time, cancellationToken);

    /// <summary>
    /// Flushes what is queued without a waiter (a SYSTEM key.generate of the audit key) before the store closes: a
    /// CLI command exits right after its own record is committed.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await FlushAsync(CancellationToken.None);
        }
        catch (TimeoutException)
        {
            // The store does not answer: closing it is all that is left.
        }
    }

    /// <summary>Makes a checkpoint now if any record is not yet covered (the timer and <c>kavach audit checkpoint</c>).</summary>
    public async Task<AuditCheckpoint?> CheckpointAsync(CancellationToken cancellationToken)
    {
        var checkpoint = await Checkpoints.CreateAsync(minNewRecords: 0, cancellationToken);
        if (checkpoint is not null)
        {
            Interlocked.Exchange(ref _lastCheckpointSeq, checkpoint.Seq);
        }

        return checkpoint;
    }

    private void OnCommitted(AuditHead head)
    {
        var every = _settings.CheckpointEveryRecords;
        var last = Interlocked.Read(ref _lastCheckpointSeq);
        if (every <= 0 || (last >= 0 && head.Seq - last < every) || Interlocked.CompareExchange(ref _checkpointRunning, 1, 0) != 0)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                // Another replica may have made one meanwhile: the checkpointer re-checks under the lock.
                var checkpoint = await Checkpoints.CreateAsync(every, CancellationToken.None);
                if (checkpoint is not null)
                {
                    Interlocked.Exchange(ref _lastCheckpointSeq, checkpoint.Seq);
                    CheckpointCreated?.Invoke(checkpoint);
                }
                else
                {
                    Interlocked.Exchange(ref _lastCheckpointSeq, await Store.GetLastAuditCheckpointSeqAsync(CancellationToken.None));
                }
            }
#pragma warning disable CA1031 // a failed background checkpoint is reported, never thrown into a request
            catch (Exception e)
#pragma warning restore CA1031
            {
                CheckpointFailed?.Invoke(e);
            }
            finally
            {
                Volatile.Write(ref _checkpointRunning, 0);
            }
        });
    }

    private async Task RecordSystemEventAsync(string operation, string appId, string refId, string keyRef)
    {
        try
        {
            await Writer.AppendAsync(new AuditEntry
            {
                Time = _time.GetUtcNow().UtcDateTime,
                Actor = "SYSTEM",
                Operation = operation,
                AppId = appId,
                RefId = refId,
                KeyRef = keyRef,
                Outcome = AuditOutcomes.Success,
            });
        }
#pragma warning disable CA1031 // reported like a failed checkpoint
        catch (Exception e)
#pragma warning restore CA1031
        {
            CheckpointFailed?.Invoke(e);
        }
    }
}
