using Kavach.Devices.Transparency;
using Kavach.Keys.Access;
using Kavach.Keys.Composition;
using Kavach.Keys.Management;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;
using Kavach.Keys.ZeroKnowledge;
using Kavach.Storage;
using Kavach.Testing;
using Kavach.Testing.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kavach.Devices.Tests.Support;

/// <summary>
/// A real store (SQLite file or a PostgreSQL database) with the key services over an in-memory vault, ROOT made as at
/// start-up: what the transparency log, hooks and de-registration run on in these tests.
/// </summary>
public sealed class DeviceStoreHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _provider;
    private readonly TempDirectory? _folder;

    private DeviceStoreHarness(ServiceProvider provider, FakeTimeProvider time, StoreOptions options, TempDirectory? folder)
    {
        _provider = provider;
        Time = time;
        Options = options;
        _folder = folder;
    }

    public FakeTimeProvider Time { get; }

    public StoreOptions Options { get; }

    public IKavachStore Store => _provider.GetRequiredService<IKavachStore>();

    public IKeyVault Vault => _provider.GetRequiredService<IKeyVault>();

    public KeyRing Ring => _provider.GetRequiredService<KeyRing>();

    public IServiceProvider Services => _provider;

    /// <summary>A harness on a fresh SQLite file.</summary>
    public static Task<DeviceStoreHarness> SqliteAsync()
    {
        var folder = new TempDirectory("kavach-devices");
        return CreateAsync(new StoreOptions(StoreProvider.Sqlite, $"Data Source={folder.File("kavach.db")}"), folder);
    }

    /// <summary>A harness on a PostgreSQL database of <paramref name="owner"/>'s own.</summary>
    public static async Task<DeviceStoreHarness> PostgresAsync(PostgresServer server, string owner) =>
        await CreateAsync(new StoreOptions(StoreProvider.PostgreSql, await server.DatabaseForAsync(owner)), null);

    /// <summary>A second process on the same database and vault (another replica): its own store object and caches.</summary>
    public async Task<DeviceStoreHarness> ReplicaAsync() => await CreateAsync(Options, null, Vault, Time);

    /// <summary>The transparency log composed as a host composes it.</summary>
    public TransparencyLog NewLog() =>
        new(Store, SigningKey(TransparencyLog.SigningKeyApplicationId, "Kavach Device Transparency Log"), Time, NullLogger<TransparencyLog>.Instance);

    /// <summary>A vault signing key of the device server (the log's or the hooks').</summary>
    public VaultSigningKey SigningKey(string applicationId, string commonName) =>
        new(applicationId, commonName, 730, Ring, Store, Vault, new Kavach.Keys.Certificates.SubjectDefaults(), Time);

    /// <summary>ROOT's certificate: what hook receivers and log auditors pin.</summary>
    public async Task<System.Security.Cryptography.X509Certificates.X509Certificate2> RootCertificateAsync() =>
        (await Ring.GetCurrentAsync("ROOT", string.Empty, CancellationToken.None)).Value.Certificate;

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        _folder?.Dispose();
    }

    private static async Task<DeviceStoreHarness> CreateAsync(StoreOptions options, TempDirectory? folder, IKeyVault? vault = null, FakeTimeProvider? time = null)
    {
        time ??= new FakeTimeProvider(Start);
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(time);
        services.AddKavachStore(_ => options);
        services.AddSingleton(vault ?? new InMemoryKeyVault(PregeneratedKeys.Source()));
        services.AddKavachKeys(_ => new KeyServiceSettings(new KeyManagerOptions(), new ZeroKnowledgeOptions(), ApplicationBindings.None, KeyCreationLimits.Default, "RESIDENT"));
        var provider = services.BuildServiceProvider();
        var harness = new DeviceStoreHarness(provider, time, options, folder);
        var root = await harness.Ring.Generator.GenerateAsync("ROOT", string.Empty, Kavach.Keys.Certificates.SubjectRequest.Empty, force: false, CancellationToken.None);
        Assert.True(root.IsSuccess, root.Error?.Message);
        return harness;
    }
}
