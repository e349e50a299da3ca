using Kavach.Testing;

namespace Kavach.Deployment.Tests.Support;

/// <summary>Debian's podman as it works on these machines: runc, and a containers.conf without default ulimits (deploy/podman-env.sh).</summary>
internal static class Podman
{
    private static readonly Lazy<string> Conf = new(() =>
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kavach-deployment-tests-containers.conf");
        File.WriteAllText(path, "[containers]\ndefault_ulimits = []\n");
        return path;
    });

    public static Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(IEnumerable<string> arguments, TimeSpan? timeout = null) =>
        ExternalTool.RunAsync("podman", ["--runtime", "/usr/sbin/runc", .. arguments], timeout: timeout ?? TimeSpan.FromMinutes(3),
            environment: new Dictionary<string, string> { ["CONTAINERS_CONF"] = Conf.Value });

    /// <summary>Runs podman and fails the test with its output when it fails; returns standard output.</summary>
    public static async Task<string> OkAsync(params string[] arguments)
    {
        var (exit, stdout, stderr) = await RunAsync(arguments);
        Assert.True(exit == 0, $"podman {string.Join(' ', arguments)}: exit {exit}\n{stdout}\n{stderr}");
        return stdout;
    }

    /// <summary>Runs a program in a running container (no shell in the images: the program itself).</summary>
    public static Task<string> ExecAsync(string container, params string[] command) => OkAsync(["exec", container, .. command]);
}
