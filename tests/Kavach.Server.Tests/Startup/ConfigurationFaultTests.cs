using Kavach.Testing;

namespace Kavach.Server.Tests.Startup;

/// <summary>
/// A setting that cannot work stops the server process: exit code 2 and one line on standard error naming the
/// setting, no stack trace, no retry loop, nothing listening. Transient faults are the other tests' subject
/// (Pkcs11ServerFaultTests, the PostgreSQL start-up tests): those leave a running, not-ready server.
/// </summary>
public sealed class ConfigurationFaultTests
{
    public static TheoryData<string, string[]> Faults => new()
    {
        { "Kavach:Database:Provider", ["--Kavach:Database:Provider=Oracle"] },
        { "Kavach:Database:ConnectionString", ["--Kavach:Database:Provider=PostgreSql"] },
        { "Kavach:Database:ConnectionString", ["--Kavach:Database:Provider=PostgreSql", "--Kavach:Database:ConnectionString=Host=localhost;Port=notaport;Password=hunter2"] },
        { "Kavach:Vault:Type", ["--Kavach:Vault:Type=CloudHsm"] },
        { "Kavach:Vault:Pkcs11:Library", ["--Kavach:Vault:Type=Pkcs11", "--Kavach:Vault:Pkcs11:TokenLabel=kavach"] },
        { "Kavach:Vault:Pkcs11:Library", ["--Kavach:Vault:Type=Pkcs11", "--Kavach:Vault:Pkcs11:TokenLabel=kavach", "--Kavach:Vault:Pkcs11:Library=/nonexistent/libsofthsm2.so", "--Kavach:Vault:Pkcs11:PinEnvironmentVariable=KAVACH_PIN"] },
        { "Kavach:Security:ApplicationBindings", ["--Kavach:Security:ApplicationBindings:Roles:RESIDENT=RESIDENT REGISTRATION"] },
        { "Kavach:Security:KeyCreation:PerMinute", ["--Kavach:Security:KeyCreation:PerMinute=-1"] },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_bad_setting_stops_the_process_with_one_line_naming_it(string setting, string[] arguments)
    {
        using var data = new TempDirectory("kavach-config-fault");
        var (code, stdout, stderr) = await RunServerAsync(data.Path, arguments);

        Assert.Equal(2, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("kavach: configuration error: " + setting, line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_PIN_file_others_can_read_stops_the_process_and_the_PIN_is_not_shown()
    {
        using var data = new TempDirectory("kavach-config-pin");
        var pinFile = Path.Combine(data.Path, "..", Path.GetFileName(data.Path) + ".pin");
        await File.WriteAllTextAsync(pinFile, "s3cret-pin\n");
        File.SetUnixFileMode(pinFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        try
        {
            var (code, stdout, stderr) = await RunServerAsync(
                data.Path,
                ["--Kavach:Vault:Type=Pkcs11", $"--Kavach:Vault:Pkcs11:Library={SoftHsm.Library}", "--Kavach:Vault:Pkcs11:TokenLabel=kavach", $"--Kavach:Vault:Pkcs11:PinFile={pinFile}"]);

            Assert.Equal(2, code);
            Assert.StartsWith("kavach: configuration error: Kavach:Vault:Pkcs11:PinFile", stderr.Trim(), StringComparison.Ordinal);
            Assert.DoesNotContain("s3cret-pin", stdout + stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pinFile);
        }
    }

    // The server as an operator runs it: its own process, from the test's build output.
    private static Task<(int ExitCode, string StdOut, string StdErr)> RunServerAsync(string dataDirectory, string[] arguments) =>
        ExternalTool.RunAsync(
            "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "Kavach.Server.dll"), "--urls=http://127.0.0.1:0", $"--Kavach:DataDir={dataDirectory}", .. arguments],
            timeout: TimeSpan.FromMinutes(2));
}
