using Kavach.Devices.Repository.Approvals;
using Kavach.Devices.Transparency;
using Kavach.Devices.Updates;
using Kavach.Devices.Updates.Artifacts;
using Kavach.Devices.Updates.Releases;
using Kavach.Devices.Updates.Rollouts;
using Kavach.Devices.Updates.Storage;
using Kavach.Devices.Updates.Timestamps;
using Kavach.Storage;
using Kavach.Testing;
using Kavach.Testing.Keys;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kavach.Devices.Tests.Updates;

/// <summary>The update services of one server on a fresh SQLite database, an in-memory vault and a fake clock.</summary>
internal sealed class UpdateServer : IAsyncDisposable
{
    private readonly TempDirectory _directory = new("kavach-updates");

    public UpdateServer(DateTimeOffset? start = null, TransparencyRecorder? transparency = null)
    {
        Time = new FakeTimeProvider(start ?? UpdateDocuments.Now);
        Store = KeyStores.Create(
            new StoreOptions(StoreProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = _directory.File("keymgr.db") }.ToString()),
            Time);
        Options = new UpdateOptions { ArtifactDirectory = _directory.File("artifacts") };
        Options.RootKeys.Add(UpdateTestKeys.Text(UpdateTestKeys.Root));
        Timestamps = new TimestampService(Store, Vault, Options, Time, NullLogger<TimestampService>.Instance);
        Metadata = new UpdateMetadataService(Store, Timestamps, Audit, Options, Time, NullLogger<UpdateMetadataService>.Instance, transparency);
        Artifacts = new ArtifactRepository(Store, Audit, Options, Time);
        var bridge = new RolloutApprovals(() => Approvals!, () => Rollouts!);
        Approvals = new ApprovalService(Store, [bridge], Audit, Time);
        Rollouts = new RolloutService(Store, Registry, bridge, Audit, Time, NullLogger<RolloutService>.Instance);
        Devices = new DeviceUpdateService(Store, Audit, Time, NullLogger<DeviceUpdateService>.Instance);
    }

    public FakeTimeProvider Time { get; }

    public IKavachStore Store { get; }

    public InMemoryKeyVault Vault { get; } = new();

    public UpdateOptions Options { get; }

    public RecordingUpdateAudit Audit { get; } = new();

    public InMemoryDeviceRegistry Registry { get; } = new();

    public ApprovalService Approvals { get; }

    public TimestampService Timestamps { get; }

    public UpdateMetadataService Metadata { get; }

    public ArtifactRepository Artifacts { get; }

    public RolloutService Rollouts { get; }

    public DeviceUpdateService Devices { get; }

    public string ArtifactDirectory => Options.ArtifactDirectory;

    public static CancellationToken Ct => CancellationToken.None;

    /// <summary>The operator's offline trust document listing the server's timestamp key, published.</summary>
    public async Task<byte[]> PublishTrustAsync(long version = 1)
    {
        var trust = new Kavach.Devices.Updates.Verification.TrustDocument(
            version,
            Time.GetUtcNow().AddDays(365),
            [UpdateTestKeys.Text(UpdateTestKeys.Release)],
            [await Timestamps.GetPublicKeyAsync(Ct)],
            1);
        var signed = UpdateDocuments.SignedTrust(trust);
        var result = await Metadata.PublishTrustAsync(signed, "alice", Ct);
        Assert.True(result.IsSuccess, result.Error?.Code);
        return signed;
    }

    /// <summary>Uploads the artifact, publishes a release for it signed offline, and attaches its SBI record.</summary>
    public async Task<ReleaseRecord> PublishReleaseAsync(long counter, byte[] artifact, DateTimeOffset? sbiExpiry = null, string hardwareId = UpdateDocuments.HardwareId, bool withSbi = true)
    {
        var uploaded = await Artifacts.UploadAsync(new MemoryStream(artifact), "firmware.bin", null, "alice", Ct);
        Assert.True(uploaded.IsSuccess, uploaded.Error?.Code);
        var manifest = UpdateDocuments.Release(counter, hardwareId: hardwareId, artifact: artifact, expires: Time.GetUtcNow().AddDays(90));
        var published = await Metadata.PublishReleaseAsync(UpdateDocuments.SignedRelease(manifest), "alice", Ct);
        Assert.True(published.IsSuccess, published.Error?.Code);
        if (!withSbi)
        {
            return published.Value;
        }

        var now = Time.GetUtcNow();
        var sbi = await Metadata.SetSbiAsync(counter, new SbiRecord("sbi-hash-" + counter, "1.0." + counter, now.AddDays(-1), sbiExpiry ?? now.AddDays(365)), "alice", Ct);
        Assert.True(sbi.IsSuccess, sbi.Error?.Code);
        return sbi.Value;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Timestamps.Dispose();
        Vault.Dispose();
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
