using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Kavach.Hosting.Startup;
using Kavach.Hosting.Tokens;
using Kavach.Hosting.Web.Tls;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Management;
using Kavach.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Kavach.Devices.Server.Tests.Support;

/// <summary>
/// A real device server on 127.0.0.1 HTTPS (Kestrel, port 0) over a temporary data directory, with a running clock;
/// clients over real TLS, with or without a client certificate (WebApplicationFactory cannot do client certificates).
/// </summary>
internal sealed class DeviceServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDirectory? _owned;

    private DeviceServerHost(WebApplication app, string dataDirectory, RunningClock time, TempDirectory? owned)
    {
        _app = app;
        DataDirectory = dataDirectory;
        Time = time;
        _owned = owned;
    }

    public string DataDirectory { get; }

    public RunningClock Time { get; }

    public IServiceProvider Services => _app.Services;

    public Uri Address => DeviceServer.Address(_app);

    /// <summary>The ROOT certificate the server's TLS certificate chains to (what <c>kavach devices --ca</c> is given).</summary>
    public async Task<X509Certificate2> TlsRootAsync()
    {
        var root = await Services.GetRequiredService<KeyRing>().GetCurrentAsync(KeyIds.Root, string.Empty, CancellationToken.None);
        Assert.True(root.IsSuccess, root.Error?.Message);
        return root.Value.Certificate;
    }

    /// <summary>Starts a server; <paramref name="configure"/> replaces services (a test device CA); waits until it is ready and serves TLS.</summary>
    public static async Task<DeviceServerHost> StartAsync(
        IReadOnlyList<string>? extraArgs = null,
        Action<IServiceCollection>? configure = null,
        string? dataDirectory = null,
        RunningClock? time = null)
    {
        var owned = dataDirectory is null ? new TempDirectory("kavach-devices") : null;
        var dir = dataDirectory ?? owned!.Path;
        var clock = time ?? new RunningClock();
        var args = new List<string>
        {
            "--urls=https://127.0.0.1:0",
            $"--Kavach:DataDir={dir}",
            "--Logging:LogLevel:Default=Warning",
            "--Kavach:ZeroKnowledge:PoolSize=200",
        };
        args.AddRange(extraArgs ?? []);
        var app = DeviceServer.Build([.. args], services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            configure?.Invoke(services);
        });
        await app.StartAsync();
        var ready = Task.WhenAll(
            app.Services.GetRequiredService<KavachReadiness>().WhenReady(CancellationToken.None),
            app.Services.GetRequiredService<TlsCertificateProvider>().Ready,
            app.Services.GetRequiredService<AdminTokenRefresher>().AdminTokenReady);
        if (await Task.WhenAny(ready, Task.Delay(TimeSpan.FromMinutes(3))) != ready)
        {
            await app.DisposeAsync();
            owned?.Dispose();
            throw new TimeoutException("The device server did not become ready.");
        }

        return new DeviceServerHost(app, dir, clock, owned);
    }

    /// <summary>The local administrator's token (<c>admin.token</c>: every device role).</summary>
    public async Task<string> AdminTokenAsync() => (await File.ReadAllTextAsync(Path.Combine(DataDirectory, "admin.token"))).Trim();

    /// <summary>A local-issuer token for <paramref name="subject"/> with <paramref name="roles"/>.</summary>
    public async Task<string> TokenAsync(string subject, params string[] roles)
    {
        var issued = await Services.GetRequiredService<LocalTokenIssuer>().IssueAsync(subject, roles, TimeSpan.FromHours(1), CancellationToken.None);
        Assert.True(issued.IsSuccess, issued.Error?.Message);
        return issued.Value.Token;
    }

    /// <summary>An HTTPS client to the server: optionally a client certificate, a bearer token, or other TLS versions.</summary>
    public HttpClient Client(X509Certificate2? clientCertificate = null, string? token = null, SslProtocols protocols = SslProtocols.Tls13)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero };
        handler.SslOptions.EnabledSslProtocols = protocols;
#pragma warning disable CA5359 // the tests check the server's client-side behaviour, not its certificate
        handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }

        var client = new HttpClient(handler) { BaseAddress = Address, DefaultRequestVersion = HttpVersion.Version11 };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _owned?.Dispose();
    }
}
