using System.Text.Json.Nodes;
using Kavach.Cli;
using Kavach.Devices.Server.Tests.Support;
using Kavach.Hosting.Security;
using Kavach.Testing.Devices;

namespace Kavach.Devices.Server.Tests;

/// <summary><c>kavach devices …</c> against a running device server over HTTPS (the server's certificate checked against <c>--ca</c>).</summary>
public sealed class DevicesCliTests(DeviceServerFixture fixture) : IClassFixture<DeviceServerFixture>
{
    [Fact]
    public async Task List_json_prints_the_registry_as_a_json_array()
    {
        var (code, output, error) = await RunAsync("devices", "list", "--json", "--state", "Active");

        Assert.True(code == 0, error);
        Assert.IsType<JsonArray>(JsonNode.Parse(output));
    }

    [Fact]
    public async Task Show_of_an_unknown_serial_fails_with_the_server_code()
    {
        var (code, _, error) = await RunAsync("devices", "show", "SN-NOT-THERE", "--json");

        Assert.Equal(1, code);
        Assert.Contains("KER-DEV-101", error, StringComparison.Ordinal);
        Assert.Contains("HTTP 404", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approvals_list_prints_a_json_array()
    {
        var (code, output, error) = await RunAsync("devices", "approvals", "list", "--json");

        Assert.True(code == 0, error);
        Assert.IsType<JsonArray>(JsonNode.Parse(output));
    }

    [Fact]
    public async Task Providers_models_and_a_whitelist_batch_go_in_through_the_cli_with_a_second_approver()
    {
        using var pki = new DeviceProviderPki("CLI.PROVIDER", "CLI Devices");
        using var directory = new Kavach.Testing.TempDirectory("kavach-cli");
        var caFile = directory.File("provider-ca.pem");
        await File.WriteAllTextAsync(caFile, pki.ProviderCa.Pem);
        var batchFile = directory.File("batch.jws");
        var chip = pki.IssueFtmChip("CLISERIAL0001");
        await File.WriteAllTextAsync(batchFile, pki.SignBatch("CLI-BATCH-1", [DeviceProviderPki.L1Entry("CLISERIAL0001", chip.CertificateSha256, make: "CLI", model: "CLI01")]));

        var provider = await RunAsync("devices", "providers", "add", "--id", "CLI.PROVIDER", "--name", "CLI Devices", "--kind", "DEVICE", "--provider-ca", caFile, "--json");
        Assert.True(provider.Code == 0, provider.Error);
        Assert.Equal("CLI.PROVIDER", JsonNode.Parse(provider.Out)?["providerId"]?.GetValue<string>());
        var model = await RunAsync("devices", "models", "approve", "--id", "CLI-MODEL-1", "--provider", "CLI.PROVIDER", "--make", "CLI", "--model", "CLI01", "--type", "Finger", "--sub-type", "Slap", "--json");
        Assert.True(model.Code == 0, model.Error);
        var imported = await RunAsync("devices", "whitelist", "import", batchFile, "--json");
        Assert.True(imported.Code == 0, imported.Error);
        Assert.Equal("Pending", JsonNode.Parse(imported.Out)?["state"]?.GetValue<string>());

        // The importer (the local administrator) cannot approve its own batch; a second approver can.
        var own = await RunAsync("devices", "whitelist", "approve", "CLI-BATCH-1", "--json");
        Assert.Equal(1, own.Code);
        Assert.Contains("KER-DEV-034", own.Error, StringComparison.Ordinal);
        var ca = await WriteTlsRootAsync(directory);
        var approverToken = await fixture.Host.TokenAsync("cli-approver", KnownRoles.DeviceApprover);
        var approved = await CliAsync("devices", "whitelist", "approve", "CLI-BATCH-1", "--json", "--server", fixture.Host.Address.ToString(), "--token", approverToken, "--ca", ca);
        Assert.True(approved.Code == 0, approved.Error);

        var shown = await RunAsync("devices", "show", "CLISERIAL0001", "--json");
        Assert.True(shown.Code == 0, shown.Error);
        Assert.Equal("Whitelisted", JsonNode.Parse(shown.Out)?["state"]?.GetValue<string>());
    }

    [Fact]
    public async Task A_wrong_token_is_refused_with_the_server_code()
    {
        using var directory = new Kavach.Testing.TempDirectory("kavach-cli");
        var ca = await WriteTlsRootAsync(directory);
        var (code, _, error) = await CliAsync("devices", "list", "--server", fixture.Host.Address.ToString(), "--token", "not-a-token", "--ca", ca);

        Assert.Equal(1, code);
        Assert.Contains("KER-DEV-105", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attack_server_certificate_not_under_the_given_ca_is_refused()
    {
        // --ca names another CA (the device CA): the server's TLS certificate does not chain to it, so nothing is sent.
        using var directory = new Kavach.Testing.TempDirectory("kavach-cli");
        var other = directory.File("other.pem");
        await File.WriteAllTextAsync(other, fixture.Pki.Root.ExportCertificatePem());
        var (code, _, error) = await CliAsync("devices", "list", "--server", fixture.Host.Address.ToString(), "--token-file", Path.Combine(fixture.Host.DataDirectory, "admin.token"), "--ca", other);

        Assert.Equal(1, code);
        Assert.Contains("cannot reach", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_server_option_is_one_line_of_error()
    {
        var (code, _, error) = await CliAsync("devices", "list");

        Assert.NotEqual(0, code);
        Assert.Contains("--server", error, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        using var directory = new Kavach.Testing.TempDirectory("kavach-cli");
        var ca = await WriteTlsRootAsync(directory);
        return await CliAsync([.. args, "--server", fixture.Host.Address.ToString(), "--token-file", Path.Combine(fixture.Host.DataDirectory, "admin.token"), "--ca", ca]);
    }

    private async Task<string> WriteTlsRootAsync(Kavach.Testing.TempDirectory directory)
    {
        var path = directory.File("server-ca.pem");
        await File.WriteAllTextAsync(path, (await fixture.Host.TlsRootAsync()).ExportCertificatePem());
        return path;
    }

    private static async Task<(int Code, string Out, string Error)> CliAsync(params string[] args)
    {
        using var input = new MemoryStream();
        using var output = new MemoryStream();
        using var text = new StringWriter();
        using var error = new StringWriter();
        var code = await KavachCli.RunAsync(args, new CliConsole(input, output, text, error));
        return (code, text.ToString(), error.ToString());
    }
}
