using System.Diagnostics;
using Kavach.Devices.Registry;
using Kavach.Devices.Server.Tests.Support;
using Kavach.Keys.Storage;
using Kavach.Server.Tests.Support;
using Kavach.Testing.Devices;
using Microsoft.Extensions.DependencyInjection;

namespace Kavach.Console.Tests.Support;

/// <summary>
/// A deployment at the size the map must stay fast at: 10,000 base keys and 1,000 devices, seeded at store level
/// (<see cref="KeySeeding"/>, <see cref="DeviceSeeding.InsertDevicesAsync"/>) in seconds, apart from the console
/// collection so its other tests keep small pages.
/// </summary>
public sealed class LargeEnvironment : IAsyncLifetime
{
    public const int BaseKeys = 10_000;

    public const int DeviceCount = 1_000;

    private DeviceProviderPki? _pki;

    public TestServer KeyManager { get; private set; } = null!;

    internal DeviceServerHost Devices { get; private set; } = null!;

    public string KeyManagerOrigin { get; private set; } = string.Empty;

    public string ConsoleUrl => KeyManagerOrigin + "/console/";

    public string AdminToken { get; private set; } = string.Empty;

    public string DeviceToken { get; private set; } = string.Empty;

    /// <summary>How long seeding took (reported when the test fails).</summary>
    public TimeSpan SeedTime { get; private set; }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var deviceOrigin = $"https://127.0.0.1:{FreePort.Next()}";
        KeyManager = await TestServer.StartAsync(extraArgs: [.. ConsoleEnvironment.ConsoleArguments(null, deviceOrigin)]);
        KeyManagerOrigin = KeyManager.Client.BaseAddress!.GetLeftPart(UriPartial.Authority);
        Devices = await DeviceServerHost.StartAsync(extraArgs: [$"--urls={deviceOrigin}", .. ConsoleEnvironment.DeviceServerConsoleArguments(KeyManagerOrigin)]);
        AdminToken = KeyManager.Client.DefaultRequestHeaders.Authorization!.Parameter!;
        DeviceToken = await Devices.AdminTokenAsync();

        var clock = Stopwatch.StartNew();
        var (status, body) = await KeyManager.GetAsync("/v1/keymanager/getCertificate?applicationId=REGISTRATION&referenceId=seed-template");
        Assert.True(status == 200 && body["response"] is not null, body.ToJsonString());
        var store = KeyManager.Services.GetRequiredService<IKeyStore>();
        var template = (await store.GetAliasesAsync("REGISTRATION", "seed-template", CancellationToken.None)).Single();
        string[] applications = ["REGISTRATION", "REGISTRATION_PROCESSOR", "ID_REPO", "RESIDENT", "PRE_REGISTRATION"];
        var written = await KeySeeding.SeedAsync(store, template, applications, references: 200, keysPerReference: 10, KeyManager.Time.GetUtcNow());
        Assert.Equal(BaseKeys, written);

        _pki = new DeviceProviderPki("LARGE.SBI", "Large Fleet Ltd");
        using (var admin = Devices.Client(token: DeviceToken))
        {
            await DeviceSeeding.RegisterProviderAsync(admin, _pki);
        }

        await DeviceSeeding.InsertDevicesAsync(Devices.Services.GetRequiredService<IDeviceRegistryStore>(), _pki.ProviderId, "SNLARGE", DeviceCount, Devices.Time);
        SeedTime = clock.Elapsed;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Devices is not null)
        {
            await Devices.DisposeAsync();
        }

        if (KeyManager is not null)
        {
            await KeyManager.DisposeAsync();
        }

        _pki?.Dispose();
    }
}
