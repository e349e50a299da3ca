using Kavach.Devices.Repository;
using Kavach.Devices.Repository.Approvals;
using Kavach.Devices.Repository.Models;
using Kavach.Devices.Repository.Providers;
using Kavach.Devices.Repository.Whitelist;
using Kavach.Testing.Devices;

namespace Kavach.Devices.Tests.Repository;

/// <summary>The repository services on an SQLite store with a fake clock, a recording audit and a chain-checking trust store.</summary>
internal sealed class RepositoryHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    public RepositoryHarness(DeviceRepositoryOptions? options = null)
    {
        Db = new RepositoryStoreFixture(Start);
        Trust = new ChainProviderTrust(Db.Time);
        Pki = new DeviceProviderPki(time: Db.Time);
        var store = Db.Store;
        Approvals = new ApprovalService(store, [new WhitelistApprovalHandler(store, store, store, Revocations, Audit, Db.Time)], Audit, Db.Time);
        Providers = new ProviderService(store, Trust, Audit, Db.Time);
        Models = new ModelService(store, store, Audit, Db.Time);
        Whitelist = new WhitelistService(store, store, store, Trust, Approvals, Audit, options ?? new DeviceRepositoryOptions(), Db.Time);
    }

    public RepositoryStoreFixture Db { get; }

    /// <summary>What re-admissions hand to the revocation path (no CA or log here; the enrolment harness runs the real one).</summary>
    public RecordingRevocationAftermath Revocations { get; } = new();

    public RecordingDeviceAudit Audit { get; } = new();

    public ChainProviderTrust Trust { get; }

    public DeviceProviderPki Pki { get; }

    public ApprovalService Approvals { get; }

    public ProviderService Providers { get; }

    public ModelService Models { get; }

    public WhitelistService Whitelist { get; }

    public static CancellationToken Ct => CancellationToken.None;

    /// <summary>The PKI's provider registered with its CA, and its Finger/Slap model SLAP01 approved.</summary>
    public async Task<DeviceProviderRecord> AddProviderWithModelAsync()
    {
        var provider = await Providers.AddAsync(new AddProviderRequest(Pki.ProviderId, Pki.Organization, "DEVICE", Pki.ProviderCa.Pem), "alice", Ct);
        Assert.True(provider.IsSuccess, provider.Error?.Message);
        var model = await Models.ApproveAsync(new DeviceModelDetail("MODEL-SLAP01", Pki.ProviderId, "Finger", "Slap", "MOSIP", "SLAP01"), "alice", Ct);
        Assert.True(model.IsSuccess, model.Error?.Message);
        return provider.Value;
    }

    /// <summary><paramref name="count"/> L1 entries with fresh serials and FTM chip hashes.</summary>
    public static IReadOnlyList<WhitelistBatchEntry> Entries(int count, string prefix = "SN") =>
        [.. Enumerable.Range(0, count).Select(i => DeviceProviderPki.L1Entry(
            prefix + System.Security.Cryptography.RandomNumberGenerator.GetHexString(12) + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture),
            System.Security.Cryptography.RandomNumberGenerator.GetHexString(64, lowercase: true)))];

    public async ValueTask DisposeAsync()
    {
        Pki.Dispose();
        await Db.DisposeAsync();
    }
}
