using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Kavach.Server.Tests.Support;

/// <summary>A Kavach server in a process of its own (the built Kavach.Server next to the tests), for multi-process tests.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, HttpClient client)
    {
        _process = process;
        Client = client;
    }

    /// <summary>A client for this server (authenticated once the token exists).</summary>
    public HttpClient Client { get; }

    /// <summary>Starts the server on a free loopback port and waits until /health/ready says UP.</summary>
    public static async Task<ServerProcess> StartAsync(string dataDirectory, params string[] extraArgs)
    {
        var port = FreePort();
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "Kavach.Server"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[]
        {
            $"--urls=http://127.0.0.1:{port}",
            $"--Kavach:DataDir={dataDirectory}",
            "--Logging:LogLevel:Default=Warning",

            // The admin token is these tests' client for key use too (see TestServer.StartAsync).
            $"--Kavach:Security:ApplicationBindings:Roles:KEY_MANAGER_ADMIN={TestServer.AllApplications}",
        }.Concat(extraArgs))
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Cannot start Kavach.Server.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var server = new ServerProcess(process, client);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(process.HasExited, "Kavach.Server exited during start-up.");
            try
            {
                using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(2), "Kavach.Server did not become ready.");
            await Task.Delay(200);
        }

        var token = (await File.ReadAllTextAsync(Path.Combine(dataDirectory, "admin.token"))).Trim();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return server;
    }

    /// <summary>GETs a path and parses the envelope.</summary>
    public async Task<JsonNode> GetAsync(string path) =>
        JsonNode.Parse(await Client.GetStringAsync(new Uri(path, UriKind.Relative)))!;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
