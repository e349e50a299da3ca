using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kavach.Server;
using Kavach.Server.Composition;
using Kavach.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Kavach.Server.Tests.Support;

/// <summary>A real Kavach server on a loopback port with its own data directory and a fake clock.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDirectory? _ownedDirectory;

    private TestServer(WebApplication app, HttpClient client, string dataDirectory, FakeTimeProvider time, TempDirectory? ownedDirectory)
    {
        _app = app;
        Client = client;
        DataDirectory = dataDirectory;
        Time = time;
        _ownedDirectory = ownedDirectory;
    }

    /// <summary>An authenticated client.</summary>
    public HttpClient Client { get; }

    /// <summary>The data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>The server's clock.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The server's runtime (store, vault, services).</summary>
    public KavachRuntime Runtime => _app.Services.GetRequiredService<RuntimeHolder>().Current;

    /// <summary>Starts a server; a data directory and clock are created unless given.</summary>
    public static async Task<TestServer> StartAsync(string? dataDirectory = null, FakeTimeProvider? time = null, string? postgresConnection = null, IReadOnlyList<string>? extraArgs = null)
    {
        var owned = dataDirectory is null ? new TempDirectory("kavach-server") : null;
        var dir = dataDirectory ?? owned!.Path;
        time ??= new FakeTimeProvider();
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

        args.AddRange(extraArgs ?? []);
        var clock = time;
        var app = KavachServer.Build(args.ToArray(), services => services.AddSingleton<TimeProvider>(clock));
        await app.StartAsync();
        var started = app.Services.GetRequiredService<RuntimeStarter>().Started;
        if (await Task.WhenAny(started, Task.Delay(TimeSpan.FromMinutes(2))) != started)
        {
            throw new TimeoutException("The server did not become ready.");
        }

        var client = new HttpClient { BaseAddress = KavachServer.Address(app) };
        var token = (await File.ReadAllTextAsync(Path.Combine(dir, AdminToken.FileName))).Trim();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new TestServer(app, client, dir, time, owned);
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

    private async Task<(int Status, JsonNode Body)> SendAsync(HttpMethod method, string path, object request)
    {
        var (status, body) = await SendRawAsync(method, path, Wrap(request), "application/json");
        return (status, JsonNode.Parse(body)!);
    }
}
