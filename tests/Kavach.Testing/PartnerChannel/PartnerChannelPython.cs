using Xunit;
using System.Text.Json.Nodes;

namespace Kavach.Testing.PartnerChannel;

/// <summary>
/// Drives <c>tests/interop/partner_channel.py</c>, the independent Python implementation of the partner channel
/// (Debian's python3 with <c>cryptography</c> and <c>jwcrypto</c>).
/// </summary>
public static class PartnerChannelPython
{
    /// <summary>The interpreter: Debian's, where python3-cryptography and python3-jwcrypto are installed.</summary>
    public const string Interpreter = "/usr/bin/python3";

    /// <summary>The script's path.</summary>
    public static string ScriptPath => Path.Combine(RepositoryRoot.Find(), "tests", "interop", "partner_channel.py");

    /// <summary>Runs <c>client</c> with <paramref name="config"/>; returns the exit code, the printed JSON and standard error.</summary>
    public static async Task<(int ExitCode, JsonObject Output, string StdErr)> ClientAsync(JsonObject config)
    {
        using var dir = new TempDirectory("kavach-pch-py");
        var path = dir.File("client.json");
        await File.WriteAllTextAsync(path, config.ToJsonString());
        var (code, stdout, stderr) = await ExternalTool.RunAsync(Interpreter, [ScriptPath, "client", path], timeout: TimeSpan.FromMinutes(1));
        var output = stdout.Trim().Length > 0 ? JsonNode.Parse(stdout.Trim().Split('\n')[^1])!.AsObject() : [];
        return (code, output, stderr);
    }

    /// <summary>
    /// Runs Python code with the module imported as <c>pc</c> (and <c>json</c>, <c>sys</c>); <paramref name="input"/>
    /// is on standard input. Asserts exit 0 and returns the trimmed standard output.
    /// </summary>
    public static async Task<string> EvalAsync(string code, string? input = null)
    {
        var prelude = $"import json, sys\nsys.path.insert(0, {JsonValue.Create(Path.GetDirectoryName(ScriptPath))!.ToJsonString()})\n"
            + "import partner_channel as pc\n";
        var (exit, stdout, stderr) = await ExternalTool.RunAsync(Interpreter, ["-c", prelude + code], input, TimeSpan.FromMinutes(1));
        Assert.True(exit == 0, $"python failed: {stderr}");
        return stdout.Trim();
    }

    /// <summary>A client configuration for <paramref name="partner"/> calling <paramref name="url"/> of a service pinned as in <paramref name="pki"/>.</summary>
    public static JsonObject ClientConfig(PartnerChannelPki pki, PartnerIdentity partner, string profile, string url, JsonNode? body, string method = "POST") => new()
    {
        ["profile"] = profile,
        ["url"] = url,
        ["method"] = method,
        ["body"] = body,
        ["tlsCert"] = partner.Tls.CertificatePath,
        ["tlsKey"] = partner.Tls.KeyPath,
        ["caBundle"] = pki.TlsCa.CertificatePath,
        ["signingKey"] = partner.Signing.KeyPath,
        ["signingCert"] = partner.Signing.CertificatePath,
        ["encryptionKey"] = partner.Encryption.KeyPath,
        ["encryptionCert"] = partner.Encryption.CertificatePath,
        ["serverSigningCert"] = pki.ServerSigning.CertificatePath,
        ["serverEncryptionCert"] = pki.ServerEncryption.CertificatePath,
    };

    /// <summary>Starts <c>serve</c> for <paramref name="partners"/>; <paramref name="misbehave"/> makes it answer wrongly on purpose.</summary>
    public static Task<PythonChannelService> ServeAsync(PartnerChannelPki pki, string profile, IEnumerable<PartnerIdentity> partners, string? misbehave = null)
    {
        var registry = new JsonObject();
        foreach (var partner in partners)
        {
            registry[partner.PartnerId] = new JsonObject
            {
                ["signingCert"] = partner.Signing.CertificatePath,
                ["encryptionCert"] = partner.Encryption.CertificatePath,
            };
        }

        var config = new JsonObject
        {
            ["profile"] = profile,
            ["port"] = 0,
            ["tlsCert"] = pki.ServerTls.CertificatePath,
            ["tlsKey"] = pki.ServerTls.KeyPath,
            ["clientCa"] = pki.TlsCa.CertificatePath,
            ["signingKey"] = pki.ServerSigning.KeyPath,
            ["signingCert"] = pki.ServerSigning.CertificatePath,
            ["encryptionKey"] = pki.ServerEncryption.KeyPath,
            ["encryptionCert"] = pki.ServerEncryption.CertificatePath,
            ["partners"] = registry,
            ["misbehave"] = misbehave,
            ["foreignKey"] = pki.Foreign.KeyPath,
            ["foreignCert"] = pki.Foreign.CertificatePath,
        };
        return PythonChannelService.StartAsync(config);
    }
}
