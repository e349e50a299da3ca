using Kavach.Deployment.Tests.Support;
using Kavach.Testing;

namespace Kavach.Deployment.Tests;

/// <summary>The key manager image on its own, as `podman run` starts it: read-only root, data on a mount, no network.</summary>
public sealed class ImageTests
{
    [Fact]
    public async Task The_key_manager_image_becomes_healthy_on_a_read_only_root_and_encrypts_and_decrypts()
    {
        var built = await DeploymentBuild.GetAsync();
        var image = $"localhost/kavach/keymanager:{built.Tag}";
        var config = await Podman.OkAsync("image", "inspect", "--format", "{{.Config.User}} {{json .Config.Healthcheck.Test}}", image);
        Assert.Equal("10001:10001 [\"CMD\",\"curl\",\"-fsS\",\"-o\",\"/dev/null\",\"http://127.0.0.1:8088/health/ready\"]", config.Trim());

        using var data = new TempDirectory("kavach-image-data");
        Directory.CreateDirectory(data.File("data"));
        await ExternalTool.RunAsync("chown", ["10001:10001", data.File("data")]);
        File.SetUnixFileMode(data.File("data"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var name = $"kavach-image-test-{Environment.ProcessId}";
        await Podman.RunAsync(["rm", "-f", name]);
        try
        {
            // No network at all: the calls below run inside the container, over its loopback, so no port can collide.
            await Podman.OkAsync("run", "-d", "--name", name, "--network", "none", "--read-only", "--tmpfs", "/tmp:rw,size=64m,mode=1777",
                "-v", $"{data.File("data")}:/data", image);

            // The image's own HEALTHCHECK, as podman runs it; polled against a deadline.
            var deadline = DateTimeOffset.UtcNow.AddMinutes(4);
            (int ExitCode, string StdOut, string StdErr) health;
            while ((health = await Podman.RunAsync(["healthcheck", "run", name])).ExitCode != 0)
            {
                var state = await Podman.OkAsync("inspect", "--format", "{{.State.Status}}", name);
                Assert.True(state.Trim() == "running", $"the container stopped: {await Podman.OkAsync("logs", name)}");
                Assert.True(DateTimeOffset.UtcNow < deadline, $"not healthy in time: {health.StdOut} {health.StdErr}\n{await Podman.OkAsync("logs", name)}");
                await Task.Delay(500);
            }

            var token = (await Podman.ExecAsync(name, "kavach", "token", "issue", "--sub", "image-test", "--roles", "REGISTRATION_PROCESSOR", "--ttl", "1h")).Trim();
            var encrypted = KeyManagerCalls.Data(await Curl(name, token, "encrypt", KeyManagerCalls.Body(KeyManagerCalls.Plain)));
            Assert.NotEqual(KeyManagerCalls.Plain, encrypted);
            Assert.Equal(KeyManagerCalls.Plain, KeyManagerCalls.Data(await Curl(name, token, "decrypt", KeyManagerCalls.Body(encrypted))));

            // What the image leaves out: no shell to run a command in.
            var (shell, _, _) = await Podman.RunAsync(["exec", name, "/bin/sh", "-c", "true"]);
            Assert.NotEqual(0, shell);
            Assert.True(File.Exists(data.File("data/admin.token")), "the server wrote its state to the /data mount");
        }
        finally
        {
            await Podman.RunAsync(["rm", "-f", "-t", "5", name]);
        }
    }

    private static Task<string> Curl(string container, string token, string endpoint, string body) =>
        Podman.ExecAsync(container, "curl", "-sS", "--fail-with-body", "-H", $"Authorization: Bearer {token}", "-H", "Content-Type: application/json",
            "--data-binary", body, $"http://127.0.0.1:8088/v1/keymanager/{endpoint}");
}
