using Kavach.Keys.Audit;
using Kavach.Keys.Signatures;
using Kavach.Server.Audit;
using Kavach.Storage.Audit;

namespace Kavach.Server.Composition;

/// <summary>The tamper-evident audit trail (docs/audit.md).</summary>
public sealed partial class KavachRuntime
{
    /// <summary>The default audit anchor file in the data directory.</summary>
    public const string AuditAnchorFileName = "audit-anchor.log";

    private object? _auditGate;
    private AuditTrail? _audit;
    private SigningKeyProvider? _auditSigningKeys;

    /// <summary>The signing-key provider the audit checkpoints use (KERNEL/SIGN, in the vault).</summary>
    public SigningKeyProvider AuditSigningKeys => LazyInitializer.EnsureInitialized(ref _auditSigningKeys, () =>
        new SigningKeyProvider(Ring, Store, Vault, PrivateKeys));

    // Records queued without a waiter (a SYSTEM key.generate of the audit key) must reach the store before it closes:
    // a CLI command exits right after its own record is committed.
    private async Task FlushAuditAsync()
    {
        if (Volatile.Read(ref _audit) is not { } audit)
        {
            return;
        }

        try
        {
            await audit.FlushAsync(CancellationToken.None);
        }
        catch (TimeoutException)
        {
            // The store does not answer: closing it is all that is left.
        }
    }

    /// <summary>The audit trail on this runtime's database and vault; created on first use.</summary>
    public AuditTrail Audit => LazyInitializer.EnsureInitialized(ref _audit, ref _auditGate, CreateAudit);

    private AuditTrail CreateAudit()
    {
        var options = Options.Audit;
        var settings = new AuditTrailSettings
        {
            CheckpointEveryRecords = options.CheckpointEveryRecords,
            MaxBatch = Math.Max(1, options.MaxBatch),
            AppendTimeout = TimeSpan.FromSeconds(Math.Max(1, options.AppendTimeoutSeconds)),
        };
        var anchorFile = string.IsNullOrWhiteSpace(options.AnchorFile) ? Path.Combine(Options.DataDirectory, AuditAnchorFileName) : options.AnchorFile;
        return new AuditTrail((IAuditStore)Store, Store, Vault, AuditSigningKeys, Lifecycle, new RuntimeClock(Ring), settings, new FileAuditAnchorStore(anchorFile));
    }
}
