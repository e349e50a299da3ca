using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Kavach.Crypto;
using Kavach.Server.Tests.Support;
using Kavach.Testing;

namespace Kavach.Server.Tests.Security;

/// <summary>
/// The built server started as operators start it (<c>dotnet /path/Kavach.Server.dll</c> from another directory) at
/// Trace level: the configuration next to the dll is applied (not the current directory's), and no UIN, PIN,
/// plaintext or token sent in requests reaches stdout or stderr.
/// </summary>
public sealed class LogCanaryTests
{
    private const string Environment = "LogCanaryTest";

    [Fact]
    public async Task Server_started_from_another_directory_at_Trace_reads_its_own_appsettings_and_logs_no_identifier_PIN_plaintext_or_token()
    {
        using var work = new TempDirectory("kavach-cwd");

        // Next to the dll: Trace for everything. In the current directory: decoys that would silence the log if read.
        var besideDll = Path.Combine(AppContext.BaseDirectory, $"appsettings.{Environment}.json");
        await File.WriteAllTextAsync(besideDll, """{"Logging":{"LogLevel":{"Default":"Trace","Microsoft.AspNetCore":"Trace","Microsoft.Hosting.Lifetime":"Trace"},"Console":{"LogLevel":{"Default":"Trace"}}}}""");
        await File.WriteAllTextAsync(work.File("appsettings.json"), """{"Logging":{"LogLevel":{"Default":"None"}}}""");
        await File.WriteAllTextAsync(work.File($"appsettings.{Environment}.json"), """{"Logging":{"LogLevel":{"Default":"None"}}}""");
        try
        {
            await RunAsync(work);
        }
        finally
        {
            File.Delete(besideDll);
        }
    }

    private static async Task RunAsync(TempDirectory work)
    {
        var uin = "7391" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var partner = "canarypartner" + Guid.NewGuid().ToString("N")[..12];
        var pin = "pin" + Guid.NewGuid().ToString("N")[..10];
        var plaintext = "canary-plaintext-" + Guid.NewGuid().ToString("N");
        var pinPlaintext = "canary-pin-data-" + Guid.NewGuid().ToString("N");
        var forgedToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjYW5hcnkifQ." + Guid.NewGuid().ToString("N");

        var port = FreePort();
        var output = new StringBuilder();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = work.Path,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("Logging__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Kavach__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = Environment;
        info.Environment["DOTNET_ENVIRONMENT"] = Environment;
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Kavach.Server.dll"), $"--urls=http://127.0.0.1:{port}", "--Kavach:DataDir=data", "--Kavach:ZeroKnowledge:PoolSize=200" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Cannot start Kavach.Server.");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitReadyAsync(process, client, output);

            // A relative data directory stays relative to the current directory.
            var token = (await File.ReadAllTextAsync(work.File(Path.Combine("data", "admin.token")))).Trim();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            using (var tokenId = await client.GetAsync(new Uri($"/v1/keymanager/tokenid/{uin}/{partner}", UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.OK, tokenId.StatusCode);
                Assert.Null(JsonNode.Parse(await tokenId.Content.ReadAsStringAsync())!["errors"]);
            }

            var encrypted = await PostAsync(client, "/v1/keymanager/encrypt", new { applicationId = "REGISTRATION", referenceId = "canary", timeStamp = "2025-01-01T10:00:00.000Z", data = Base64Url.Encode(Encoding.UTF8.GetBytes(plaintext)) });
            Assert.NotNull(encrypted["response"]?["data"]);
            var withPin = await PostAsync(client, "/v1/keymanager/encryptWithPin", new { data = pinPlaintext, userPin = pin });
            Assert.NotNull(withPin["response"]?["data"]);

            // Refused and unknown requests carrying the same values: the failure paths log too.
            using (var forged = new HttpRequestMessage(HttpMethod.Get, new Uri($"/v1/keymanager/tokenid/{uin}/{partner}", UriKind.Relative)))
            {
                forged.Headers.Authorization = new AuthenticationHeaderValue("Bearer", forgedToken);
                using var refused = await client.SendAsync(forged);
                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            }

            using (await client.GetAsync(new Uri($"/v1/keymanager/tokenid/{uin}/{partner}/extra?uin={uin}", UriKind.Relative)))
            {
            }

            using (await client.GetAsync(new Uri($"/v1/keymanager/getPartnerCertificate/{uin}", UriKind.Relative)))
            {
            }

            await StopAsync(process);
            var log = Snapshot(output);

            // The Trace level came from appsettings.LogCanaryTest.json next to the dll: nothing else asks for it.
            Assert.Contains("dbug: ", log, StringComparison.Ordinal);
            Assert.Contains("Application is shutting down", log, StringComparison.Ordinal);
            Assert.True(File.Exists(work.File(Path.Combine("data", "kavach.db"))), "the relative data directory is under the current directory");

            var canaries = new Dictionary<string, string>
            {
                ["UIN"] = uin,
                ["partner code"] = partner,
                ["PIN"] = pin,
                ["plaintext"] = plaintext,
                ["plaintext (base64url)"] = Base64Url.Encode(Encoding.UTF8.GetBytes(plaintext)),
                ["PIN-encrypted data"] = pinPlaintext,
                ["admin token"] = token,
                ["admin token signature"] = token.Split('.')[2],
                ["forged token"] = forgedToken,
                ["forged token signature"] = forgedToken.Split('.')[2],
            };
            foreach (var (what, canary) in canaries)
            {
                var at = log.IndexOf(canary, StringComparison.Ordinal);
                Assert.True(at < 0, $"the {what} is in the log: …{Around(log, at)}…");
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    private static async Task<JsonNode> PostAsync(HttpClient client, string path, object request)
    {
        using var content = new StringContent(TestServer.Wrap(request), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: HTTP {(int)response.StatusCode} {body.ToJsonString()}");
        return body;
    }

    private static async Task WaitReadyAsync(Process process, HttpClient client, StringBuilder output)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(process.HasExited, "Kavach.Server exited during start-up:\n" + Snapshot(output));
            try
            {
                using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(2), "Kavach.Server did not become ready.");
            await Task.Delay(200);
        }
    }

    // SIGTERM, so the host shuts down in order and the console logger flushes what it queued.
    private static async Task StopAsync(Process process)
    {
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static string Around(string log, int at) => log.Substring(Math.Max(0, at - 200), Math.Min(400, log.Length - Math.Max(0, at - 200)));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
