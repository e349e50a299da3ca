using Kavach.Testing;

namespace Kavach.Deployment.Tests;

/// <summary>The production manifests parse and hold together (deploy/kubernetes/kube.py check), and the systemd units verify.</summary>
public sealed class ManifestTests
{
    [Fact]
    public async Task The_kubernetes_manifests_parse_and_cross_check()
    {
        var (exit, stdout, stderr) = await ExternalTool.RunAsync("python3", ["deploy/kubernetes/kube.py", "check"], workingDirectory: RepositoryRoot.Find());
        Assert.True(exit == 0, stdout + stderr);
        Assert.Matches(@"kube\.py: \d+ manifests, \d{3,} checks passed", stdout);
    }

    [Theory]
    [InlineData("kavach.service", "keymanager/Kavach.Server")]
    [InlineData("kavach-gateway.service", "gateway/Kavach.Gateway")]
    [InlineData("kavach-devices.service", "device-server/Kavach.Devices.Server")]
    public async Task The_systemd_unit_verifies_and_stays_hardened(string unit, string executable)
    {
        // An image of the install (docs/deployment.md): the unit in /etc/systemd/system, its executable in /opt/kavach,
        // systemd's own units beside them, so `verify` checks the unit the way the host would load it.
        using var root = new TempDirectory("kavach-systemd");
        var exe = root.File("opt/kavach/" + executable);
        Directory.CreateDirectory(Path.GetDirectoryName(exe)!);
        await File.WriteAllTextAsync(exe, "#!/bin/sh\n");
        File.SetUnixFileMode(exe, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        Directory.CreateDirectory(root.File("etc/systemd/system"));
        File.Copy(Path.Combine(RepositoryRoot.Find(), "deploy", "systemd", unit), root.File("etc/systemd/system/" + unit));
        Directory.CreateDirectory(root.File("usr/lib/systemd"));
        await Ok(ExternalTool.RunAsync("cp", ["-a", "/usr/lib/systemd/system", root.File("usr/lib/systemd/")]));

        var (exit, stdout, stderr) = await ExternalTool.RunAsync("systemd-analyze", ["verify", $"--root={root.Path}", "/etc/systemd/system/" + unit]);
        Assert.True(exit == 0 && stderr.Trim().Length == 0, stdout + stderr);

        var (_, security, _) = await ExternalTool.RunAsync("systemd-analyze", ["security", "--offline=true", $"--root={root.Path}", unit]);
        var match = System.Text.RegularExpressions.Regex.Match(security, @"Overall exposure level for \S+: (\d+\.\d)");
        Assert.True(match.Success, security);
        // docs/deployment.md states 1.3; anything above 2.0 means a hardening line was lost.
        Assert.True(double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) <= 2.0, security);
    }

    private static async Task Ok(Task<(int ExitCode, string StdOut, string StdErr)> run)
    {
        var (exit, stdout, stderr) = await run;
        Assert.True(exit == 0, stdout + stderr);
    }
}
