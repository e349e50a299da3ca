using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Kavach.Testing;

namespace Kavach.Deployment.Tests.Support;

/// <summary>
/// The pod derived from deploy/kubernetes (deploy/kubernetes/kube.py podman-pod), run with `podman kube play`: PostgreSQL,
/// the key manager's two replicas, the gateway (in front of the sample service, run on the host) and the device server,
/// on one SoftHSM2 token. Secrets are generated here; every directory is 0700 and every secret file 0400.
/// </summary>
public sealed class PodFixture : IAsyncLifetime
{
    private const UnixFileMode Owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly TempDirectory _temp = new("kavach-pod");
    private Process? _backend;
    private string? _podFile;

    private static readonly string[] Containers = ["postgres", "keymanager-0", "keymanager-1", "gateway", "device-server"];

    public string Name { get; } = $"kavach-pod-test-{Environment.ProcessId}";

    public Dictionary<string, int> Ports { get; } = [];

    public string Dir(string name) => _temp.File(name);

    public string RootPem { get; private set; } = string.Empty;

    internal DeploymentBuild.Built Built { get; private set; } = null!;

    public string Url(string container) => $"https://127.0.0.1:{Ports[container]}";

    public string Container(string name) => $"{Name}-{name}";

    public async Task InitializeAsync()
    {
        Built = await DeploymentBuild.GetAsync();
        foreach (var port in new[] { "keymanager-0", "keymanager-1", "gateway", "device-server", "postgres", "keymanager-0-health", "keymanager-1-health", "gateway-health", "device-server-health", "backend" })
        {
            Ports[port] = FreePort();
        }

        var pgUid = (await Podman.OkAsync("run", "--rm", "--network", "none", "--entrypoint", "/usr/bin/id", $"localhost/kavach/postgres:{Built.Tag}", "-u")).Trim();
        var pgPassword = Secret();
        var pin = Secret();
        await SecretFileAsync("pg-secret", "password", pgPassword, pgUid);
        await SecretFileAsync("hsm-pin", "pin", pin, "10001");
        await OwnedDirAsync("pgdata", pgUid);
        foreach (var data in new[] { "data-keymanager-0", "data-keymanager-1", "data-gateway", "data-device-server", "tokens" })
        {
            await OwnedDirAsync(data, "10001");
        }

        // Each container's /tmp (the root filesystems are read-only): its own, as an emptyDir would be.
        foreach (var container in Containers)
        {
            Directory.CreateDirectory(Dir("tmp-" + container));
            File.SetUnixFileMode(Dir("tmp-" + container), (UnixFileMode)0b1_111_111_111);
        }

        Directory.CreateDirectory(Dir("softhsm-conf"));
        await File.WriteAllTextAsync(Path.Combine(Dir("softhsm-conf"), "softhsm2.conf"), "directories.tokendir = /var/lib/softhsm/tokens\nobjectstore.backend = file\nlog.level = ERROR\n");
        await InitTokenAsync(pin);

        var backendDll = Path.Combine(Built.Samples, "bin", "Kavach.Samples.Service", "release", "Kavach.Samples.Service.dll");
        _backend = Process.Start(new ProcessStartInfo("dotnet") { ArgumentList = { backendDll, "--urls", $"http://127.0.0.1:{Ports["backend"]}" }, UseShellExecute = false })!;

        var settings = new JsonObject
        {
            ["tag"] = Built.Tag,
            ["name"] = Name,
            ["ports"] = new JsonObject(Ports.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
            ["secrets"] = new JsonObject
            {
                ["kavach-db"] = new JsonObject { ["connection-string"] = $"Host=127.0.0.1;Port={Ports["postgres"]};Database=kavach;Username=kavach;Password={pgPassword}" },
                ["kavach-hsm"] = new JsonObject { ["library"] = "/usr/lib/softhsm/libsofthsm2.so", ["token-label"] = "kavach", ["pin"] = pin },
            },
            ["dirs"] = new JsonObject(new[] { "pgdata", "pg-secret", "hsm-pin", "softhsm-conf", "tokens", "data-keymanager-0", "data-keymanager-1", "data-gateway", "data-device-server" }
                .Concat(Containers.Select(c => "tmp-" + c)).Select(d => KeyValuePair.Create(d, (JsonNode?)Dir(d)))),
            ["env"] = new JsonObject
            {
                ["gateway"] = new JsonObject { ["Kavach__Gateway__Backend"] = $"http://127.0.0.1:{Ports["backend"]}", ["Kavach__Tls__SubjectAlternativeNames__2"] = "127.0.0.1" },
                // Test machines run no NTP: the server would refuse to sign time, so the test declares its clock
                // disciplined, as the device server's own tests do.
                ["device-server"] = new JsonObject
                {
                    ["Kavach__Tls__SubjectAlternativeNames__2"] = "127.0.0.1",
                    ["Kavach__DeviceServer__Operations__Time__Source"] = "declared",
                    ["Kavach__DeviceServer__Operations__Time__DeclaredErrorMs"] = "50",
                },
                ["keymanager-0"] = new JsonObject { ["Kavach__Tls__SubjectAlternativeNames__2"] = "127.0.0.1" },
                ["keymanager-1"] = new JsonObject { ["Kavach__Tls__SubjectAlternativeNames__2"] = "127.0.0.1" },
            },
        };
        var settingsFile = _temp.File("pod-settings.json");
        await File.WriteAllTextAsync(settingsFile, settings.ToJsonString());
        File.SetUnixFileMode(settingsFile, UnixFileMode.UserRead);
        var (exit, pod, errors) = await ExternalTool.RunAsync("python3", ["deploy/kubernetes/kube.py", "podman-pod", settingsFile], workingDirectory: Built.Root);
        Assert.True(exit == 0, errors);
        _podFile = _temp.File("pod.yaml");
        await File.WriteAllTextAsync(_podFile, pod);

        await RemoveStalePodsAsync();
        await Podman.OkAsync("kube", "play", _podFile);
        foreach (var container in new[] { "keymanager-0", "keymanager-1", "gateway", "device-server" })
        {
            await WaitReadyAsync(container);
        }

        // Before ROOT is known, over the replica's plain loopback listener (the pod shares the host's network).
        using var any = new HttpClient();
        var adminToken = (await File.ReadAllTextAsync(Path.Combine(Dir("data-keymanager-0"), "admin.token"))).Trim();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{Ports["keymanager-0-health"]}/v1/keymanager/getCertificate?applicationId=ROOT");
        request.Headers.Authorization = new("Bearer", adminToken);
        using var answer = await any.SendAsync(request);
        var text = await answer.Content.ReadAsStringAsync();
        RootPem = JsonNode.Parse(text)!["response"]!["certificate"]!.GetValue<string>();
    }

    /// <summary>An HTTPS client that trusts only our ROOT.</summary>
    public HttpClient Client(string? token = null)
    {
        var handler = new SocketsHttpHandler();
        var root = X509Certificate2.CreateFromPem(RootPem);
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, sent, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(root);
            // The server sends its leaf and KERNEL (the issuer under ROOT).
            if (sent is not null)
            {
                foreach (var element in sent.ChainElements)
                {
                    chain.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }

            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return certificate is X509Certificate2 leaf && chain.Build(leaf);
        };

        var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        return client;
    }

    /// <summary>A token from the local issuer, minted with the CLI inside the first replica.</summary>
    public async Task<string> TokenAsync(string subject, string roles) =>
        (await Podman.ExecAsync(Container("keymanager-0"), "kavach", "token", "issue", "--sub", subject, "--roles", roles, "--ttl", "1h")).Trim();

    public async Task DisposeAsync()
    {
        if (_podFile is not null)
        {
            await Podman.RunAsync(["pod", "rm", "-f", "-t", "5", Name]);
        }

        if (_backend is not null)
        {
            _backend.Kill(entireProcessTree: true);
            await _backend.WaitForExitAsync();
            _backend.Dispose();
        }

        _temp.Dispose();
    }

    // This run's pod name, and the pods of earlier runs whose test process died before removing them.
    private async Task RemoveStalePodsAsync()
    {
        var (_, names, _) = await Podman.RunAsync(["pod", "ps", "--format", "{{.Name}}"]);
        foreach (var pod in names.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var stale = pod.StartsWith("kavach-pod-test-", StringComparison.Ordinal)
                && int.TryParse(pod["kavach-pod-test-".Length..], out var pid) && !Directory.Exists($"/proc/{pid}");
            if (pod == Name || stale)
            {
                await Podman.RunAsync(["pod", "rm", "-f", "-t", "5", pod]);
            }
        }
    }

    private async Task WaitReadyAsync(string container)
    {
        // The readiness probe's answer, from the container's plain loopback listener.
        using var client = new HttpClient();
        var deadline = DateTimeOffset.UtcNow.AddMinutes(6);
        var last = string.Empty;
        while (true)
        {
            try
            {
                using var response = await client.GetAsync($"http://127.0.0.1:{Ports[container + "-health"]}/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }

            var state = (await Podman.OkAsync("inspect", "--format", "{{.State.Status}}", Container(container))).Trim();
            if (state != "running" || DateTimeOffset.UtcNow > deadline)
            {
                var (_, logs, errs) = await Podman.RunAsync(["logs", "--tail", "60", Container(container)]);
                Assert.Fail($"{container} not ready ({state}, {last}):\n{logs}\n{errs}");
            }

            await Task.Delay(500);
        }
    }

    private async Task InitTokenAsync(string pin)
    {
        var conf = _temp.File("host-softhsm2.conf");
        await File.WriteAllTextAsync(conf, $"directories.tokendir = {Dir("tokens")}\nobjectstore.backend = file\nlog.level = ERROR\n");
        var (exit, stdout, stderr) = await ExternalTool.RunAsync("softhsm2-util", ["--init-token", "--free", "--label", "kavach", "--so-pin", Secret(), "--pin", pin],
            environment: new Dictionary<string, string> { ["SOFTHSM2_CONF"] = conf });
        Assert.True(exit == 0, stdout + stderr);
        await ChownAsync("-R", "10001:10001", Dir("tokens"));
    }

    private async Task SecretFileAsync(string dir, string file, string value, string uid)
    {
        await OwnedDirAsync(dir, uid);
        var path = Path.Combine(Dir(dir), file);
        await File.WriteAllTextAsync(path, value);
        File.SetUnixFileMode(path, UnixFileMode.UserRead);
        await ChownAsync(uid, path);
    }

    private async Task OwnedDirAsync(string name, string uid)
    {
        Directory.CreateDirectory(Dir(name));
        File.SetUnixFileMode(Dir(name), Owner);
        await ChownAsync(uid, Dir(name));
    }

    private static async Task ChownAsync(params string[] arguments)
    {
        var (exit, _, stderr) = await ExternalTool.RunAsync("chown", arguments);
        Assert.True(exit == 0, stderr);
    }

    private static string Secret() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
