using Kavach.Testing;

namespace Kavach.Deployment.Tests.Support;

/// <summary>
/// Builds the images once per test run (deploy/build-images.sh, as an operator runs it) and, meanwhile, the sample
/// service and partner the pod test puts in front of and behind the gateway. The samples build into a folder of this
/// run (--artifacts-path), so the gateway's walkthrough test building the same projects at the same time is undisturbed.
/// </summary>
internal static class DeploymentBuild
{
    private static readonly Lazy<Task<Built>> Once = new(BuildAsync);
    private static readonly string[] Names = ["keymanager", "gateway", "device-server", "agent", "postgres"];

    public static Task<Built> GetAsync() => Once.Value;

    internal sealed record Built(string Root, string Tag, string Samples, string Images);

    private static async Task<Built> BuildAsync()
    {
        var root = RepositoryRoot.Find();
        // KAVACH_DEPLOYMENT_TEST_IMAGES=TAG reuses images a developer built already (deploy/build-images.sh); CI never sets it.
        var prebuilt = Environment.GetEnvironmentVariable("KAVACH_DEPLOYMENT_TEST_IMAGES");
        var tag = string.IsNullOrEmpty(prebuilt) ? "test-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) : prebuilt;
        var samples = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"kavach-deployment-samples-{Environment.ProcessId}");
        var images = string.IsNullOrEmpty(prebuilt)
            ? ExternalTool.RunAsync("bash", ["deploy/build-images.sh"], timeout: TimeSpan.FromMinutes(40), workingDirectory: root,
                environment: new Dictionary<string, string> { ["KAVACH_IMAGE_TAG"] = tag })
            : Task.FromResult((0, $"localhost/kavach/keymanager:{tag} sha256:(prebuilt)", string.Empty));
        foreach (var project in new[] { "samples/Kavach.Samples.Service", "samples/Kavach.Samples.Partner" })
        {
            var (exit, stdout, stderr) = await ExternalTool.RunAsync("dotnet", ["build", "-c", "Release", "--artifacts-path", samples, project, "-nologo", "-v:q", "-nodeReuse:false"],
                timeout: TimeSpan.FromMinutes(15), workingDirectory: root);
            Assert.True(exit == 0, $"dotnet build {project}: {stdout}\n{stderr}");
        }

        if (string.IsNullOrEmpty(prebuilt))
        {
            // This run's images are its own: removed when the test process ends, so runs leave no tags behind.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Podman.RunAsync(["rmi", "-f", .. Names.Select(n => $"localhost/kavach/{n}:{tag}")]).GetAwaiter().GetResult();
        }

        var (code, output, errors) = await images;
        Assert.True(code == 0, $"deploy/build-images.sh failed ({code}):\n{Tail(output)}\n{Tail(errors)}");
        Assert.Contains($"localhost/kavach/keymanager:{tag} sha256:", output, StringComparison.Ordinal);
        return new Built(root, tag, samples, output);
    }

    private static string Tail(string text) => text[^Math.Min(text.Length, 4000)..];
}
