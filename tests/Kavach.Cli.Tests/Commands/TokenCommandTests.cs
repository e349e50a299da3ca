using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Kavach.Cli.Commands;
using Kavach.Testing;
using Kavach.Hosting.Composition;
using Kavach.Hosting.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace Kavach.Cli.Tests.Commands;

public sealed class TokenCommandTests
{
    [Fact]
    public async Task Issue_prints_only_a_token_signed_by_the_local_issuer_key()
    {
        using var dir = new TempDirectory("kavach-cli-token");
        await BootstrappedData.CopyToAsync(dir.Path);

        var (code, output, error) = await CliRun.RunAsync("token", "issue", "--sub", "alice", "--roles", "KEY_MANAGER_ADMIN, REGISTRATION_PROCESSOR", "--ttl", "1h", "--data-dir", dir.Path);
        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var token = Assert.Single(lines);
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);

        using var payload = JsonDocument.Parse(Decode(parts[1]));
        var root = payload.RootElement;
        Assert.Equal("alice", root.GetProperty("sub").GetString());
        Assert.Equal("alice", root.GetProperty("preferred_username").GetString());
        Assert.Equal("kavach-local", root.GetProperty("iss").GetString());
        Assert.Equal(3600, root.GetProperty("exp").GetInt64() - root.GetProperty("iat").GetInt64());
        Assert.Equal(["KEY_MANAGER_ADMIN", "REGISTRATION_PROCESSOR"], root.GetProperty("realm_access").GetProperty("roles").EnumerateArray().Select(r => r.GetString()!));

        // The signature verifies with a current key of the issuer, which lives in the hierarchy.
        await using var services = KavachServices.Create(new Kavach.Hosting.Configuration.KavachOptions { DataDir = dir.Path });
        var keys = await services.GetRequiredService<LocalTokenIssuer>().GetVerificationKeysAsync(CancellationToken.None);
        using var header = JsonDocument.Parse(Decode(parts[0]));
        var key = Assert.Single(keys.Value, k => k.KeyId == header.RootElement.GetProperty("kid").GetString());
        using var rsa = key.Certificate.GetRSAPublicKey()!;
        Assert.True(rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Decode(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Theory]
    [InlineData("--ttl", "soon")]
    [InlineData("--ttl", "40d")]
    [InlineData("--roles", "BAD ROLE")]
    public async Task Bad_input_fails_with_one_line(string option, string value)
    {
        using var dir = new TempDirectory("kavach-cli-token");
        var (code, output, error) = await CliRun.RunAsync("token", "issue", "--sub", "alice", option, value, "--data-dir", dir.Path);
        Assert.Equal(1, code);
        Assert.Empty(output.Trim());
        Assert.StartsWith("kavach: ", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Unknown_roles_are_refused_with_the_known_roles_and_no_token()
    {
        using var dir = new TempDirectory("kavach-cli-token-roles");
        await BootstrappedData.CopyToAsync(dir.Path);

        var (code, output, error) = await CliRun.RunAsync("token", "issue", "--sub", "alice", "--roles", "REGISTRATION_PROCESSOR,REGISTRATION_PROCESOR", "--data-dir", dir.Path);

        Assert.Equal(1, code);
        Assert.Empty(output.Trim());
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("kavach: unknown role 'REGISTRATION_PROCESOR'; known roles: ", line, StringComparison.Ordinal);
        Assert.Contains("REGISTRATION_PROCESSOR", line, StringComparison.Ordinal);
        Assert.Contains("KEY_MANAGER_ADMIN", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Roles_named_in_configuration_are_known_too()
    {
        var security = new Kavach.Hosting.Configuration.SecurityOptions();
        security.Authorization.Rules["postdecrypt"] = "@R1,CUSTOM_DECRYPTER";
        security.ApplicationBindings.Roles["CUSTOM_BOUND"] = "REGISTRATION";
        var known = Kavach.Hosting.Security.KnownRoles.InForce(security);

        TokenCommand.RequireKnownRoles(["CUSTOM_DECRYPTER", "CUSTOM_BOUND", "GLOBAL_ADMIN"], known);
        var refused = Assert.Throws<CliFailureException>(() => TokenCommand.RequireKnownRoles(["global_admin", "NOPE"], known));
        Assert.StartsWith("unknown roles 'global_admin', 'NOPE'; known roles: ", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lifetime_over_the_maximum_states_the_maximum_as_people_write_it()
    {
        using var dir = new TempDirectory("kavach-cli-token-ttl");
        await BootstrappedData.CopyToAsync(dir.Path);

        var (code, _, error) = await CliRun.RunAsync("token", "issue", "--sub", "alice", "--roles", "GLOBAL_ADMIN", "--ttl", "31d", "--data-dir", dir.Path);

        Assert.Equal(1, code);
        Assert.Contains("at most 30 days", error, StringComparison.Ordinal);
        Assert.DoesNotContain("30.00:00:00", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_subject_is_required()
    {
        var (code, _, error) = await CliRun.RunAsync("token", "issue", "--roles", "X");
        Assert.Equal(2, code);
        Assert.Contains("--sub", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("30m", 1800)]
    [InlineData("1h", 3600)]
    [InlineData("7d", 604800)]
    [InlineData("01:30:00", 5400)]
    public void Lifetimes_parse(string text, int seconds) => Assert.Equal(TimeSpan.FromSeconds(seconds), TokenCommand.ParseLifetime(text));

    private static byte[] Decode(string part) => Convert.FromBase64String(part.Replace('-', '+').Replace('_', '/').PadRight((part.Length + 3) / 4 * 4, '='));
}
