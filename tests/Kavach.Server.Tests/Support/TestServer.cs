using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kavach.Server;
using Kavach.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Kavach.Hosting.Files;
using Kavach.Hosting.Startup;

namespace Kavach.Server.Tests.Support;

/// <summary>A real Kavach server on a loopback port with its own data directory and a fake clock.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDirectory? _ownedDirectory;

    private TestServer(WebApplication app, HttpClient client, string dataDirectory, RunningClock time, TempDirectory? ownedDirectory)
    {
        _app = app;
        Client = client;
        DataDirectory = dataDirectory;
        Time = time;
        _ownedDirectory = ownedDirectory;
    }

    /// <summary>The binding value for every application.</summary>
    public const string AllApplications = "*";

    /// <summary>An authenticated client.</summary>
    public HttpClient Client { get; }

    /// <summary>The data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>The server's clock.</summary>
    public RunningClock Time { get; }

    /// <summary>The server's runtime (store, vault, services).</summary>
    public ServerServices Runtime => new ServerServices(_app.Services);

    /// <summary>Starts a server; a data directory and clock are created unless given; <c>configure</c> adds services after the server's own (a tracer provider).</summary>
    /// <remarks>
    /// Most tests use the admin token as their one client for key management and key use alike, so the server binds the
    /// admin's <c>KEY_MANAGER_ADMIN</c> role to every application unless <paramref name="bindAdministrator"/> is false
    /// (the tests of the application bindings themselves). A production server binds administrators to nothing.
    /// <para>
    /// Without a data directory (and on SQLite, with no <paramref name="configure"/>) the server starts on a copy of the
    /// directory the first start with the same arguments left (<see cref="StartedDirectories"/>): the key hierarchy is
    /// generated once per test run and set of arguments, not once per server, and servers started alike hold the same
    /// keys. A test whose servers must hold different keys (a migration's source and target) names a different
    /// <paramref name="keys"/> for each. A test of the first start passes its own directory.
    /// </para>
    /// </remarks>
    public static async Task<TestServer> StartAsync(string? dataDirectory = null, RunningClock? time = null, string? postgresConnection = null, IReadOnlyList<string>? extraArgs = null, bool bindAdministrator = true, Action<IServiceCollection>? configure = null, string keys = "shared")
    {
        var owned = dataDirectory is null ? new TempDirectory("kavach-server") : null;
        var dir = dataDirectory ?? owned!.Path;
        var template = owned is not null && postgresConnection is null && configure is null
            ? StartedDirectories.For([.. extraArgs ?? [], $"bindAdministrator={bindAdministrator}", $"keys={keys}"])
            : null;
        if (template is not null && !template.Claim())
        {
            await template.TryCopyToAsync(dir);
            template = null;
        }

        try
        {
            var server = await StartInAsync(dir, owned, time, postgresConnection, extraArgs, bindAdministrator, configure);
            template?.Save(dir);
            return server;
        }
        catch
        {
            template?.Abandon();
            owned?.Dispose();
            throw;
        }
    }

    private static async Task<TestServer> StartInAsync(string dir, TempDirectory? owned, RunningClock? time, string? postgresConnection, IReadOnlyList<string>? extraArgs, bool bindAdministrator, Action<IServiceCollection>? configure)
    {
        time ??= new RunningClock();
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            $"--Kavach:DataDir={dir}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Kavach=Warning",

            // A small ZK pool keeps start-up quick; tests of the pool itself ask for the real size.
            "--Kavach:ZeroKnowledge:PoolSize=200",
        };
        if (postgresConnection is not null)
        {
            args.Add("--Kavach:Database:Provider=PostgreSql");
            args.Add($"--Kavach:Database:ConnectionString={postgresConnection}");
        }

        if (bindAdministrator)
        {
            args.Add($"--Kavach:Security:ApplicationBindings:Roles:KEY_MANAGER_ADMIN={AllApplications}");
        }

        args.AddRange(extraArgs ?? []);
        var clock = time;
        var app = KavachServer.Build(args.ToArray(), services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            configure?.Invoke(services);
        });
        await app.StartAsync();
        var started = app.Services.GetRequiredService<KavachReadiness>().WhenReady(CancellationToken.None);
        if (await Task.WhenAny(started, Task.Delay(TimeSpan.FromMinutes(2))) != started)
        {
            throw new TimeoutException("The server did not become ready.");
        }

        var adminToken = app.Services.GetRequiredService<Kavach.Hosting.Startup.AdminTokenRefresher>().AdminTokenReady;
        if (await Task.WhenAny(adminToken, Task.Delay(TimeSpan.FromMinutes(1))) != adminToken)
        {
            throw new TimeoutException("The server did not write its admin token.");
        }

        var token = (await File.ReadAllTextAsync(Path.Combine(dir, AdminToken.FileName))).Trim();
        var services = new ServerServices(app.Services);
        var refresher = new AdminTokenRefresher(token, clock, ct => MintAdminTokenAsync(services, ct)) { InnerHandler = new HttpClientHandler() };
        var client = new HttpClient(refresher) { BaseAddress = HttpAddress(app) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new TestServer(app, client, dir, time, owned);
    }

    /// <summary>Every address the server listens on (plain HTTP first, then any HTTPS endpoint from extra arguments).</summary>
    public IReadOnlyList<Uri> Addresses =>
        _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();

    /// <summary>The server's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Mints a local-issuer token for <paramref name="subject"/> with <paramref name="roles"/>, on the server's clock.</summary>
    public async Task<string> IssueTokenAsync(string subject, IReadOnlyCollection<string> roles, TimeSpan? lifetime = null)
    {
        var issued = await Runtime.Tokens.IssueAsync(subject, roles, lifetime ?? TimeSpan.FromHours(1), CancellationToken.None);
        Assert.True(issued.IsSuccess, issued.Error?.Message);
        return issued.Value.Token;
    }

    /// <summary>POSTs <paramref name="request"/> inside a MOSIP envelope; returns the status and the parsed body.</summary>
    public Task<(int Status, JsonNode Body)> PostAsync(string path, object request) => SendAsync(HttpMethod.Post, path, request);

    /// <summary>PUTs <paramref name="request"/> inside a MOSIP envelope.</summary>
    public Task<(int Status, JsonNode Body)> PutAsync(string path, object request) => SendAsync(HttpMethod.Put, path, request);

    /// <summary>GETs <paramref name="path"/>.</summary>
    public async Task<(int Status, JsonNode Body)> GetAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>Sends raw content with a content type; returns status and raw body.</summary>
    public async Task<(int Status, string Body)> SendRawAsync(HttpMethod method, string path, string content, string contentType)
    {
        using var message = new HttpRequestMessage(method, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(content, Encoding.UTF8, contentType),
        };
        using var response = await Client.SendAsync(message);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Wraps a request body in MOSIP's envelope.</summary>
    public static string Wrap(object request) => JsonSerializer.Serialize(new
    {
        id = "kavach.test",
        version = "1.0",
        requesttime = "2025-01-01T10:00:00.000Z",
        metadata = new { },
        request,
    });

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _ownedDirectory?.Dispose();
    }

    /// <summary>A new admin token from the local issuer's current key (after a test revoked the one that signed admin.token).</summary>
    public Task<string> MintAdminTokenAsync() => MintAdminTokenAsync(Runtime, CancellationToken.None);

    private static async Task<string> MintAdminTokenAsync(ServerServices runtime, CancellationToken cancellationToken)
    {
        var options = runtime.Options.Security.LocalIssuer;
        var issued = await runtime.Tokens.IssueAsync(options.AdminSubject, options.EffectiveAdminRoles.ToList(), options.AdminTokenLifetime, cancellationToken);
        return issued.IsSuccess ? issued.Value.Token : throw new InvalidOperationException($"{issued.Error.Code} {issued.Error.Message}");
    }

    private static Uri HttpAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses.First());
    }

    private async Task<(int Status, JsonNode Body)> SendAsync(HttpMethod method, string path, object request)
    {
        var (status, body) = await SendRawAsync(method, path, Wrap(request), "application/json");
        return (status, JsonNode.Parse(body)!);
    }

    /// <summary>
    /// Keeps the admin token valid on the server's clock: tests that move the clock past the token's expiry get a fresh
    /// admin token from the local issuer in place of the one read from <c>admin.token</c>.
    /// </summary>
    private sealed class AdminTokenRefresher : DelegatingHandler
    {
        private readonly string _fileToken;
        private readonly TimeProvider _time;
        private readonly Func<CancellationToken, Task<string>> _mint;
        private readonly SemaphoreSlim _gate = new(1, 1);
        private string? _fresh;

        public AdminTokenRefresher(string fileToken, TimeProvider time, Func<CancellationToken, Task<string>> mint)
        {
            _fileToken = fileToken;
            _time = time;
            _mint = mint;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Headers.Authorization is { Scheme: "Bearer", Parameter: { } presented } &&
                presented == _fileToken && !IsValidNow(_fileToken))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await FreshAsync(cancellationToken));
            }

            return await base.SendAsync(request, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _gate.Dispose();
            }

            base.Dispose(disposing);
        }

        private async Task<string> FreshAsync(CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                if (_fresh is null || !IsValidNow(_fresh))
                {
                    _fresh = await _mint(cancellationToken);
                }

                return _fresh;
            }
            finally
            {
                _gate.Release();
            }
        }

        private bool IsValidNow(string token)
        {
            var payload = token.Split('.')[1];
            var json = JsonNode.Parse(Convert.FromBase64String(payload.Replace('-', '+').Replace('_', '/').PadRight((payload.Length + 3) / 4 * 4, '=')))!;
            var now = _time.GetUtcNow().ToUnixTimeSeconds();
            return json["nbf"]!.GetValue<long>() <= now + 10 && now + 60 < json["exp"]!.GetValue<long>();
        }
    }
}
