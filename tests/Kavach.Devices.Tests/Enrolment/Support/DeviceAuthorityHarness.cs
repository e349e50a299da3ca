using Kavach.Devices.Authority;
using Kavach.Keys.Access;
using Kavach.Keys.Certificates;
using Kavach.Keys.Composition;
using Kavach.Keys.Management;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;
using Kavach.Keys.ZeroKnowledge;
using Kavach.Storage;
using Kavach.Testing;
using Kavach.Testing.Keys;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kavach.Devices.Tests.Enrolment.Support;

/// <summary>
/// The key services on an SQLite store of the test's own with ROOT made as at start-up, the device CA and the device
/// server keys over a vault (in memory, or a SoftHSM2 token), on a fake clock.
/// </summary>
public sealed class DeviceAuthorityHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 12, 7, 7, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _folder;
    private readonly ServiceProvider _provider;

    private DeviceAuthorityHarness(TempDirectory folder, ServiceProvider provider, IKavachStore store, FakeTimeProvider time, DeviceAuthorityOptions options)
    {
        _folder = folder;
        _provider = provider;
        Store = store;
        Time = time;
        Options = options;
        Authority = NewAuthority();
        ServerKeys = new DeviceServerKeys(Ring, Store, Vault, new SubjectDefaults(), Options, Time);
    }

    public FakeTimeProvider Time { get; }

    public IKavachStore Store { get; }

    public DeviceAuthorityOptions Options { get; }

    public IKeyVault Vault => _provider.GetRequiredService<IKeyVault>();

    public KeyRing Ring => _provider.GetRequiredService<KeyRing>();

    public DeviceCertificateAuthority Authority { get; }

    public DeviceServerKeys ServerKeys { get; }

    public static async Task<DeviceAuthorityHarness> CreateAsync(IKeyVault? vault = null, DeviceAuthorityOptions? options = null)
    {
        var time = new FakeTimeProvider(Start);
        var folder = new TempDirectory("kavach-devices-authority");
        var store = KeyStores.Create(new StoreOptions(StoreProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = folder.File("keymgr.db") }.ToString()), time);
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<IKeyStore>(store);
        services.AddSingleton<IZkKeyPoolStore>(store);
        services.AddSingleton(vault ?? new InMemoryKeyVault());
        services.AddKavachKeys(_ => new KeyServiceSettings(new KeyManagerOptions(), new ZeroKnowledgeOptions(), ApplicationBindings.None, KeyCreationLimits.Default, "RESIDENT"));
        var provider = services.BuildServiceProvider();
        var harness = new DeviceAuthorityHarness(folder, provider, store, time, options ?? new DeviceAuthorityOptions { CrlUrl = new Uri("https://dm.example/pki/crl") });
        var root = await harness.Ring.Generator.GenerateAsync("ROOT", string.Empty, SubjectRequest.Empty, force: false, CancellationToken.None);
        Assert.True(root.IsSuccess, root.Error?.Message);
        return harness;
    }

    /// <summary>Another authority over the same store and vault: a second replica.</summary>
    public DeviceCertificateAuthority NewAuthority() => new(Ring, Store, Vault, Store, new SubjectDefaults(), Options, Time);

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        await Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
