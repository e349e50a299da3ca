using Kavach.Server.Tests.Support;
using Kavach.Testing;

namespace Kavach.Server.Tests.Lifecycle;

/// <summary>A server restarted on an existing data directory serves the same keys.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Restart_keeps_root_master_and_base_keys_and_the_token()
    {
        using var dir = new TempDirectory("kavach-restart");
        string root, master, baseKey, token;
        await using (var first = await TestServer.StartAsync(dir.Path))
        {
            root = (await first.GetAsync("/v1/keymanager/getCertificate?applicationId=ROOT")).Body.Field("certificate");
            master = (await first.GetAsync("/v1/keymanager/getCertificate?applicationId=REGISTRATION")).Body.Field("certificate");
            baseKey = (await first.GetAsync("/v1/keymanager/getCertificate?applicationId=REGISTRATION&referenceId=keep")).Body.Field("certificate");
            token = first.Client.DefaultRequestHeaders.Authorization!.Parameter!;
        }

        await using var second = await TestServer.StartAsync(dir.Path);
        Assert.Equal(token, second.Client.DefaultRequestHeaders.Authorization!.Parameter);
        Assert.Equal(root, (await second.GetAsync("/v1/keymanager/getCertificate?applicationId=ROOT")).Body.Field("certificate"));
        Assert.Equal(master, (await second.GetAsync("/v1/keymanager/getCertificate?applicationId=REGISTRATION")).Body.Field("certificate"));
        Assert.Equal(baseKey, (await second.GetAsync("/v1/keymanager/getCertificate?applicationId=REGISTRATION&referenceId=keep")).Body.Field("certificate"));

        // The base key's private key is still usable (a CSR needs it).
        var csr = (await second.PostAsync("/v1/keymanager/generateCSR", new { applicationId = "REGISTRATION", referenceId = "keep" })).Body.Field("certSignRequest");
        var (ok, output) = await Pems.VerifyCsrAsync(csr);
        Assert.True(ok, output);
    }

    [Fact]
    public async Task Data_directory_files_are_private()
    {
        using var dir = new TempDirectory("kavach-modes");
        await using var server = await TestServer.StartAsync(dir.Path);
        foreach (var name in new[] { "admin.token", "vault.password", "vault.p12" })
        {
            var mode = File.GetUnixFileMode(dir.File(name));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode & ~UnixFileMode.UserExecute);
        }

        Assert.True(File.Exists(dir.File("kavach.db")));
    }
}
