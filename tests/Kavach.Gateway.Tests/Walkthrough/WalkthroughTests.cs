using System.Net;
using System.Net.Sockets;
using Kavach.Testing;

namespace Kavach.Gateway.Tests.Walkthrough;

/// <summary>
/// Runs the bash block of docs/partner-channel.md "Walkthrough" as written (Release builds, openssl, the CLI, the
/// sample service, the gateway process, the sample partner), so the documented commands stay real.
/// </summary>
public sealed class WalkthroughTests
{
    [Fact]
    public async Task The_documented_walkthrough_runs_and_the_sample_partner_gets_a_verified_answer()
    {
        var root = RepositoryRoot.Find();
        var document = await File.ReadAllTextAsync(Path.Combine(root, "docs", "partner-channel.md"));
        var section = document[(document.IndexOf("## Walkthrough", StringComparison.Ordinal) + 1)..];
        var start = section.IndexOf("```bash\n", StringComparison.Ordinal) + "```bash\n".Length;
        var script = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];
        Assert.True(script.Trim().Split('\n').Length <= 30, "the walkthrough stays within 30 lines");

        using var temp = new TempDirectory("kavach-walkthrough");
        var path = temp.File("walkthrough.sh");
        await File.WriteAllTextAsync(path, script);
        var (exit, stdout, stderr) = await ExternalTool.RunAsync("bash", ["-e", path], timeout: TimeSpan.FromMinutes(15), workingDirectory: root,
            environment: new Dictionary<string, string>
            {
                ["SVC_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["GW_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["TMPDIR"] = temp.Path,
            });

        Assert.True(exit == 0, stdout[^Math.Min(stdout.Length, 3000)..] + stderr[^Math.Min(stderr.Length, 3000)..]);
        Assert.Contains("HTTP 200", stdout, StringComparison.Ordinal);
        Assert.Contains("\"partnerId\":\"acme\"", stdout, StringComparison.Ordinal);
        Assert.Contains("{\"requests\":1}", stdout, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
