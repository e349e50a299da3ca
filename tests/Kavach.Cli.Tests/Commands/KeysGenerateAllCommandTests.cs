using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Kavach.Testing;

namespace Kavach.Cli.Tests.Commands;

/// <summary><c>kavach keys generate-all</c>: the key-generator job, on the PKCS#12 vault in-process and on a SoftHSM2 token in processes of their own.</summary>
public sealed partial class KeysGenerateAllCommandTests
{
    [Fact]
    public async Task Generates_every_start_up_key_once_with_a_summary_table()
    {
        using var dir = new TempDirectory("kavach-cli-genall");

        var (code, output, error) = await CliRun.RunAsync("keys", "generate-all", "--data-dir", dir.Path);

        Assert.True(code == 0, error + output);
        Assert.Contains("0 failed (PKCS12 vault).", output, StringComparison.Ordinal);
        Assert.Matches(@"ROOT\s*[│\t]\s*[│\t]\s*created\s*[│\t]\s*[0-9a-f-]{36}", output);
        Assert.Matches(@"KERNEL\s*[│\t]\s*SIGN\s*[│\t]\s*created", output);
        Assert.Matches(@"REGISTRATION\s*[│\t]\s*[│\t]\s*created", output);
        var summary = Summary().Match(output);
        Assert.True(summary.Success, output);
        var total = int.Parse(summary.Groups["created"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(total > 5, output);
        Assert.Equal("0", summary.Groups["failed"].Value);

        // Idempotent: nothing new the second time, and the same current keys.
        var (againCode, again, _) = await CliRun.RunAsync("keys", "generate-all", "--data-dir", dir.Path);
        Assert.Equal(0, againCode);
        Assert.Contains($"0 created, 0 rotated, {total} already current, 0 failed", again, StringComparison.Ordinal);
        Assert.Equal(RootAlias().Match(output).Groups["alias"].Value, RootAlias().Match(again).Groups["alias"].Value);
    }

    [Fact]
    public async Task Generates_root_and_module_keys_inside_a_softhsm_token_with_the_pin_from_an_environment_variable()
    {
        using var softhsm = new TempDirectory("kavach-cli-softhsm");
        using var data = new TempDirectory("kavach-cli-p11");
        var conf = await SoftHsmConfAsync(softhsm.Path);
        var label = "cli-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var pin = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var init = await RunAsync("softhsm2-util", conf, null, "--init-token", "--free", "--label", label, "--so-pin", pin + "so", "--pin", pin);
        Assert.True(init.Code == 0, init.Output);
        var library = new[] { "/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so" }.First(File.Exists);
        var environment = new Dictionary<string, string>
        {
            ["Kavach__Vault__Type"] = "Pkcs11",
            ["Kavach__Vault__Pkcs11__Library"] = library,
            ["Kavach__Vault__Pkcs11__TokenLabel"] = label,
            ["Kavach__Vault__Pkcs11__PinEnvironmentVariable"] = "KAVACH_TEST_CLI_PIN",
            ["KAVACH_TEST_CLI_PIN"] = pin,
        };
        var kavach = Path.Combine(AppContext.BaseDirectory, "kavach.dll");

        var first = await RunAsync("dotnet", conf, environment, kavach, "keys", "generate-all", "--data-dir", data.Path);

        Assert.True(first.Code == 0, first.Output);
        Assert.Contains("PKCS11 vault", first.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(pin, first.Output, StringComparison.Ordinal);
        var root = RootAlias().Match(first.Output);
        Assert.True(root.Success, first.Output);

        // ROOT's private key is on the token, sensitive and never extractable; no PKCS#12 file was made.
        var objects = await RunAsync("pkcs11-tool", conf, null, "--module", library, "--token-label", label, "--login", "--pin", pin, "--list-objects", "--type", "privkey");
        Assert.True(objects.Code == 0, objects.Output);
        var block = objects.Output[objects.Output.IndexOf($"label:      {root.Groups["alias"].Value}", StringComparison.Ordinal)..];
        var access = block.Split("Access:")[1].Split('\n')[0];
        Assert.Contains("always sensitive", access, StringComparison.Ordinal);
        Assert.Contains("never extractable", access, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data.Path, "vault.p12")));

        // --force rotates the keys: a new ROOT on the token next to the old one (still listed, still usable).
        var forced = await RunAsync("dotnet", conf, environment, kavach, "keys", "generate-all", "--force", "--data-dir", data.Path);
        Assert.True(forced.Code == 0, forced.Output);
        var rotated = Summary().Match(forced.Output);
        Assert.True(rotated.Success && rotated.Groups["created"].Value == "0" && rotated.Groups["failed"].Value == "0", forced.Output);
        // Every key rotates except the ZK master key, which wraps the pool and is never force-rotated.
        var createdFirst = int.Parse(Summary().Match(first.Output).Groups["created"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(createdFirst - 1, int.Parse(rotated.Groups["rotated"].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("1", rotated.Groups["kept"].Value);
        var newRoot = RootAlias().Match(forced.Output).Groups["alias"].Value;
        Assert.NotEqual(root.Groups["alias"].Value, newRoot);
        var after = await RunAsync("pkcs11-tool", conf, null, "--module", library, "--token-label", label, "--login", "--pin", pin, "--list-objects", "--type", "privkey");
        Assert.Contains($"label:      {root.Groups["alias"].Value}", after.Output, StringComparison.Ordinal);
        Assert.Contains($"label:      {newRoot}", after.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?<created>\d+) created, (?<rotated>\d+) rotated, (?<kept>\d+) already current, (?<failed>\d+) failed")]
    private static partial Regex Summary();

    [GeneratedRegex(@"ROOT\s*[│\t]\s*[│\t]\s*(created|exists|rotated)\s*[│\t]\s*(?<alias>[0-9a-f-]{36})")]
    private static partial Regex RootAlias();

    // A throw-away SoftHSM2 configuration: the test never touches /etc/softhsm or /var/lib/softhsm.
    private static async Task<string> SoftHsmConfAsync(string root)
    {
        var tokens = Directory.CreateDirectory(Path.Combine(root, "tokens")).FullName;
        var conf = Path.Combine(root, "softhsm2.conf");
        await File.WriteAllTextAsync(conf, $"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n");
        return conf;
    }

    private static async Task<(int Code, string Output)> RunAsync(string program, string softhsmConf, Dictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SOFTHSM2_CONF"] = softhsmConf;
        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
