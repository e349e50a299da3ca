using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Kavach.Server.Tests.Support;
using Kavach.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Kavach.Hosting.Files;
using Kavach.Hosting.Startup;

namespace Kavach.Server.Tests.Pkcs11;

/// <summary>
/// A real Kavach server on a loopback port whose vault is a SoftHSM2 token (<c>--Kavach:Vault:Type=Pkcs11</c>), with a
/// data directory of its own. Unlike <see cref="TestServer"/> it can be started without waiting for readiness.
/// </summary>
public sealed class Pkcs11Server : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDirectory _directory;

    private Pkcs11Server(WebApplication app, TempDirectory directory, SoftHsmToken token)
    {
        _app = app;
        _directory = directory;
        Token = token;
        Client = new HttpClient { BaseAddress = KavachServer.Address(app) };
    }

    /// <summary>The token the server's vault is on.</summary>
    public SoftHsmToken Token { get; }

    /// <summary>A client; it carries the admin token once the server is ready.</summary>
    public HttpClient Client { get; }

    /// <summary>The data directory.</summary>
    public string DataDirectory => _directory.Path;

    /// <summary>The runtime (after readiness).</summary>
    public ServerServices Runtime => new ServerServices(_app.Services);

    /// <summary>What the start-up is doing (the reason the server is not ready, which only the log and operators see).</summary>
    public string StartupStatus => _app.Services.GetRequiredService<KavachReadiness>().Status;

    /// <summary>Completes when start-up (vault, keys, admin token) is done.</summary>
    public Task Started => _app.Services.GetRequiredService<KavachReadiness>().WhenReady(CancellationToken.None);

    /// <summary>Starts a server on <paramref name="token"/>; waits for readiness unless told not to.</summary>
    public static async Task<Pkcs11Server> StartAsync(SoftHsmToken token, string? library = null, bool waitForReady = true)
    {
        var directory = new TempDirectory("kavach-p11-server");
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            $"--Kavach:DataDir={directory.Path}",
            "--Logging:LogLevel:Default=Warning",

            // The admin token is these tests' client for key use too (see TestServer.StartAsync).
            $"--Kavach:Security:ApplicationBindings:Roles:KEY_MANAGER_ADMIN={TestServer.AllApplications}",
        };
        args.AddRange(token.ServerArguments(library));
        var clock = new RunningClock();
        var app = KavachServer.Build(args.ToArray(), services => services.AddSingleton<TimeProvider>(clock));
        await app.StartAsync();
        var server = new Pkcs11Server(app, directory, token);
        if (waitForReady)
        {
            try
            {
                await server.WaitStartedAsync(TimeSpan.FromMinutes(3));
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }

        return server;
    }

    /// <summary>Waits for start-up to finish, then authenticates the client.</summary>
    public async Task WaitStartedAsync(TimeSpan limit)
    {
        if (await Task.WhenAny(Started, Task.Delay(limit)) != Started)
        {
            throw new TimeoutException($"The server on token {Token.Label} did not become ready within {limit}.");
        }

        await AuthenticateAsync();
    }

    /// <summary>GETs <paramref name="path"/>; returns the status and the parsed body.</summary>
    public async Task<(int Status, JsonNode Body)> GetAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>POSTs <paramref name="request"/> in a MOSIP envelope; returns the status and the raw and parsed body.</summary>
    public async Task<(int Status, JsonNode Body, string Raw)> PostAsync(string path, object request)
    {
        using var content = new StringContent(TestServer.Wrap(request), Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync(new Uri(path, UriKind.Relative), content);
        var raw = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(raw)!, raw);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _directory.Dispose();
    }

    // The start-up writes the admin token before it reports ready, on this vault as on any other: no polling.
    private async Task AuthenticateAsync()
    {
        var path = Path.Combine(DataDirectory, AdminToken.FileName);
        var token = (await File.ReadAllTextAsync(path)).Trim();
        Assert.False(string.IsNullOrEmpty(token), "The server reported ready without an admin token.");
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }
}
