using Kavach.Testing;

namespace Kavach.DeviceAgent.Tests.Support;

/// <summary>
/// The TPM token's objects as an independent tool sees them (OpenSC's pkcs11-tool, a fresh process each time, so it
/// also sees what another process changed: tpm2-pkcs11 keeps a per-process view).
/// </summary>
internal static class TpmObjects
{
    public static async Task<(int ExitCode, string StdOut, string StdErr)> ListAsync(SwTpmToken token)
    {
        // tpm2-pkcs11 keeps its objects in a SQLite store; while another process (the agent) writes it, a new client's
        // C_Initialize can fail with CKR_GENERAL_ERROR. A few retries tell that apart from a real failure.
        for (var attempt = 1; ; attempt++)
        {
            var result = await ExternalTool.RunAsync("pkcs11-tool", ["--module", token.Module, "--token-label", token.TokenLabel, "--login", "--pin", File.ReadAllText(token.PinFile).Trim(), "-O"]);
            if (result.ExitCode == 0 || attempt == 5 || !result.StdErr.Contains("C_Initialize", StringComparison.Ordinal))
            {
                return result;
            }

            await Task.Delay(200 * attempt);
        }
    }

    /// <summary>
    /// The listing block of the private key labelled <paramref name="label"/> (with its "Access:" line), or null.
    /// pkcs11-tool prints one block per object, its header line unindented; a key pair's two blocks need not be adjacent.
    /// </summary>
    public static async Task<string?> PrivateKeyAsync(SwTpmToken token, string label)
    {
        var (code, output, error) = await ListAsync(token);
        Assert.True(code == 0, error);
        return System.Text.RegularExpressions.Regex.Split(output, @"(?m)^(?=\S)")
            .SingleOrDefault(b => b.StartsWith("Private Key Object", StringComparison.Ordinal) && b.Contains($"label:      {label}\n", StringComparison.Ordinal));
    }

    /// <summary>True when an object labelled <paramref name="label"/> is on the token.</summary>
    public static async Task<bool> HasAsync(SwTpmToken token, string label)
    {
        var (code, output, error) = await ListAsync(token);
        Assert.True(code == 0, error);
        return output.Split('\n').Any(line => line.Trim() == $"label:      {label}");
    }
}
