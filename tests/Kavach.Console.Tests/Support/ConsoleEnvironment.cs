using System.Net.Http.Headers;
using System.Text;
using Kavach.Devices.Registry;
using Kavach.Devices.Server.Tests.Support;
using Kavach.Keys.Storage;
using Kavach.Server.Tests.Support;
using Kavach.Testing.Devices;
using Microsoft.Extensions.DependencyInjection;

namespace Kavach.Console.Tests.Support;

/// <summary>
/// The deployment the console is tested against, started once for the "console" collection: the fake OIDC provider,
/// a key manager (SQLite, PKCS#12 vault, real ROOT and module keys) trusting it, and a device server whose admin API
/// allows the key manager's origin. Seeded through the real APIs: base keys in REGISTRATION, IDA and PARTNER, two
/// onboarded partners (one named <see cref="XssOrganization"/>), a decrypt by <see cref="DecryptCaller"/>, a device
/// provider with a model, an approved and a pending whitelist batch, and devices in every state.
/// </summary>
public sealed class ConsoleEnvironment : IAsyncLifetime
{
    /// <summary>An organisation name that is markup.</summary>
    public const string XssOrganization = "<img src=x onerror=alert(1)>";

    public const string XssPartnerId = "xss-partner";

    public const string PartnerId = "console-partner";

    /// <summary>The named caller whose decrypt the map must show.</summary>
    public const string DecryptCaller = "registration-processor-1";

    public const string DecryptApplication = "REGISTRATION";

    public const string DecryptReference = "console-decrypt";

    /// <summary>The key the admin revokes from the keys page.</summary>
    public const string RevokeApplication = "REGISTRATION";

    public const string RevokeReference = "console-revoke-me";

    /// <summary>The key a viewer tries to revoke by forging the request.</summary>
    public const string ViewerTargetReference = "console-viewer-target";

    public const string ViewerRole = "KEYMANAGER_VIEWER";

    public const string ViewerSubject = "viewer-vera";

    /// <summary>The whitelist batch left pending for the devices page's four-eyes test.</summary>
    public const string PendingBatch = "BATCH-CONSOLE-PENDING";

    public const string DeviceImporter = "alice";

    public const string DeviceApproverSubject = "bob";

    private readonly List<IDisposable> _owned = [];

    public FakeOidcProvider Oidc { get; private set; } = null!;

    public TestServer KeyManager { get; private set; } = null!;

    internal DeviceServerHost Devices { get; private set; } = null!;

    /// <summary>The key manager's origin, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string KeyManagerOrigin { get; private set; } = string.Empty;

    /// <summary>The device server's origin (HTTPS).</summary>
    public string DeviceServerOrigin { get; private set; } = string.Empty;

    /// <summary>The console's address.</summary>
    public string ConsoleUrl => KeyManagerOrigin + "/console/";

    /// <summary>The key manager's local admin token (what an operator pastes at sign-in).</summary>
    public string AdminToken { get; private set; } = string.Empty;

    /// <summary>A key manager token with only <see cref="ViewerRole"/>.</summary>
    public string ViewerToken { get; private set; } = string.Empty;

    /// <summary>Device server tokens: the importer of <see cref="PendingBatch"/> (admin and approver), and a second approver.</summary>
    public string DeviceImporterToken { get; private set; } = string.Empty;

    public string DeviceApproverToken { get; private set; } = string.Empty;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Oidc = await FakeOidcProvider.StartAsync();
        var devicePort = FreePort.Next();
        DeviceServerOrigin = $"https://127.0.0.1:{devicePort}";
        KeyManager = await TestServer.StartAsync(extraArgs:
        [
            .. Oidc.KeyManagerArguments(),
            .. ConsoleArguments(Oidc, DeviceServerOrigin),
            $"--Kavach:Security:ApplicationBindings:Roles:{ViewerRole}={TestServer.AllApplications}",
            "--Kavach:Security:ApplicationBindings:Roles:REGISTRATION_PROCESSOR=REGISTRATION",
        ]);
        KeyManagerOrigin = KeyManager.Client.BaseAddress!.GetLeftPart(UriPartial.Authority);
        Oidc.AllowedOrigin = KeyManagerOrigin;
        Devices = await DeviceServerHost.StartAsync(extraArgs: [$"--urls={DeviceServerOrigin}", .. DeviceServerConsoleArguments(KeyManagerOrigin)]);

        AdminToken = KeyManager.Client.DefaultRequestHeaders.Authorization!.Parameter!;
        ViewerToken = await KeyManager.IssueTokenAsync(ViewerSubject, [ViewerRole]);
        await SeedKeyManagerAsync();
        await SeedDevicesAsync();
    }

    /// <summary>Key manager arguments for the console (see /work/notes/console-tests-requests.md for the names).</summary>
    internal static IEnumerable<string> ConsoleArguments(FakeOidcProvider? oidc, string deviceServerOrigin)
    {
        if (oidc is not null)
        {
            yield return $"--Kavach:Console:Oidc:Authority={oidc.Issuer}";
            yield return $"--Kavach:Console:Oidc:ClientId={FakeOidcProvider.ClientId}";
            yield return "--Kavach:Console:Oidc:Scope=openid profile";
        }

        yield return $"--Kavach:Console:DeviceServerUrl={deviceServerOrigin}";
    }

    /// <summary>Device server arguments allowing the console's origin (CORS on the admin API).</summary>
    internal static IEnumerable<string> DeviceServerConsoleArguments(string keyManagerOrigin)
    {
        yield return $"--Kavach:DeviceServer:Console:AllowedOrigins:0={keyManagerOrigin}";
    }

    /// <summary>An HTTP client to the key manager carrying <paramref name="token"/>.</summary>
    public HttpClient KeyManagerClient(string token)
    {
        var client = new HttpClient { BaseAddress = KeyManager.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The base keys of (application, reference) as the store has them, oldest first.</summary>
    public Task<IReadOnlyList<KeyAlias>> AliasesAsync(string applicationId, string referenceId) =>
        KeyManager.Services.GetRequiredService<IKeyStore>().GetAliasesAsync(applicationId, referenceId, CancellationToken.None);

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

        if (Oidc is not null)
        {
            await Oidc.DisposeAsync();
        }

        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    private async Task SeedKeyManagerAsync()
    {
        // MOSIP's seed has no IDA or PARTNER key policy; a Kavach serving them gets one (PARTNER holds partner
        // certificates from onboarding, no base keys).
        var runtime = KeyManager.Runtime;
        foreach (var app in new[] { "IDA", "PARTNER" })
        {
            await runtime.Store.UpsertPolicyAsync(new KeyPolicy(app, 1095, 60, true, "NA"), CancellationToken.None);
        }

        runtime.Policies.Invalidate();
        foreach (var app in new[] { "IDA", "PARTNER" })
        {
            var (status, body) = await KeyManager.PostAsync("/v1/keymanager/generateMasterKey/CERTIFICATE", new { applicationId = app, referenceId = "", force = false });
            Assert.True(status == 200 && body["response"] is not null, $"module key {app}: {body.ToJsonString()}");
        }

        foreach (var (app, reference) in new[]
        {
            ("REGISTRATION", "10001"), ("REGISTRATION", "10002"), ("REGISTRATION", RevokeReference), ("REGISTRATION", ViewerTargetReference),
            ("REGISTRATION", DecryptReference), ("IDA", "ida-internal"), ("RESIDENT", "resident-1"),
        })
        {
            var (status, body) = await KeyManager.GetAsync($"/v1/keymanager/getCertificate?applicationId={app}&referenceId={reference}");
            Assert.True(status == 200 && body["response"]?["certificate"] is not null, $"base key {app}/{reference}: {body.ToJsonString()}");
        }

        var certificates = new PartnerCertificates();
        _owned.Add(certificates);
        foreach (var (id, organization) in new[] { (PartnerId, "Console Partner Org"), (XssPartnerId, XssOrganization) })
        {
            var (status, body) = await KeyManager.PostAsync("/v1/keymanager/partners/onboard", certificates.OnboardRequest(id, organization));
            Assert.True(status == 200 && body["response"] is not null, $"onboarding {id}: {body.ToJsonString()}");
        }

        // A decrypt by a named caller (not the admin): the map's "used-by" edge comes from the audit trail.
        var (encryptStatus, encrypted) = await KeyManager.PostAsync("/v1/keymanager/encrypt", new { applicationId = DecryptApplication, referenceId = DecryptReference, timeStamp = "2025-01-01T10:00:00.000Z", data = "aGVsbG8", prependThumbprint = true });
        Assert.True(encryptStatus == 200 && encrypted["response"] is not null, encrypted.ToJsonString());
        var callerToken = await KeyManager.IssueTokenAsync(DecryptCaller, ["REGISTRATION_PROCESSOR"]);
        using var caller = KeyManagerClient(callerToken);
        using var decryptBody = new StringContent(TestServer.Wrap(new { applicationId = DecryptApplication, referenceId = DecryptReference, timeStamp = "2025-01-01T10:00:00.000Z", data = encrypted["response"]!["data"]!.GetValue<string>() }), Encoding.UTF8, "application/json");
        using var decrypted = await caller.PostAsync(new Uri("/v1/keymanager/decrypt", UriKind.Relative), decryptBody);
        var decryptText = await decrypted.Content.ReadAsStringAsync();
        Assert.True(decrypted.IsSuccessStatusCode && decryptText.Contains("\"data\":\"aGVsbG8", StringComparison.Ordinal), $"decrypt by {DecryptCaller}: {decryptText}");
    }

    private async Task SeedDevicesAsync()
    {
        var pki = new DeviceProviderPki("CONSOLE.SBI", "Console Devices Ltd");
        _owned.Add(pki);
        using var admin = Devices.Client(token: await Devices.AdminTokenAsync());
        await DeviceSeeding.RegisterProviderAsync(admin, pki);

        DeviceImporterToken = await Devices.TokenAsync(DeviceImporter, Kavach.Hosting.Security.KnownRoles.DeviceAdmin, Kavach.Hosting.Security.KnownRoles.DeviceApprover);
        DeviceApproverToken = await Devices.TokenAsync(DeviceApproverSubject, Kavach.Hosting.Security.KnownRoles.DeviceApprover, Kavach.Hosting.Security.KnownRoles.DeviceViewer);
        using var importer = Devices.Client(token: DeviceImporterToken);
        using var approver = Devices.Client(token: DeviceApproverToken);

        // One batch approved by a second person (its devices are Whitelisted), one left pending for the page.
        await DeviceSeeding.ImportBatchAsync(importer, pki, "BATCH-CONSOLE-APPROVED", ["SNCONSOLE0001", "SNCONSOLE0002"]);
        using (var approved = await approver.PostAsync("/admin/whitelist/BATCH-CONSOLE-APPROVED/approve", null))
        {
            Assert.True(approved.IsSuccessStatusCode, await approved.Content.ReadAsStringAsync());
        }

        await DeviceSeeding.ImportBatchAsync(importer, pki, PendingBatch, ["SNCONSOLE0101", "SNCONSOLE0102", "SNCONSOLE0103"]);
        await DeviceSeeding.InsertDevicesAsync(Devices.Services.GetRequiredService<IDeviceRegistryStore>(), pki.ProviderId, "SNSTATE", 16, Devices.Time);
    }
}
