using System.Text.Json.Nodes;
using Kavach.Devices.Tests.Protocol.Support;
using Kavach.Testing;

namespace Kavach.Devices.Tests.Protocol.Interop;

/// <summary>Drives <c>tests/interop/device_protocol.py</c>, the independent jwcrypto/cryptography implementation.</summary>
internal static class DeviceProtocolPython
{
    private const string Interpreter = "/usr/bin/python3";

    private static string ScriptPath => Path.Combine(RepositoryRoot.Find(), "tests", "interop", "device_protocol.py");

    public static string CertificatePem(TestIdentity identity) => identity.Certificate.ExportCertificatePem();

    public static string KeyPem(TestIdentity identity) => identity.Key.ExportPkcs8PrivateKeyPem();

    /// <summary>Runs <paramref name="command"/> with <paramref name="request"/> on stdin; the exit code, the printed JSON (or null) and stderr.</summary>
    public static async Task<(int ExitCode, JsonObject? Output, string StdErr)> RunAsync(string command, JsonObject request)
    {
        var (code, stdout, stderr) = await ExternalTool.RunAsync(Interpreter, [ScriptPath, command], request.ToJsonString(), TimeSpan.FromMinutes(1));
        JsonObject? output = code == 0 ? JsonNode.Parse(stdout.Trim())!.AsObject() : null;
        return (code, output, stderr);
    }

    /// <summary>Runs <paramref name="command"/> and asserts it succeeded.</summary>
    public static async Task<JsonObject> RunOkAsync(string command, JsonObject request)
    {
        var (code, output, stderr) = await RunAsync(command, request);
        Assert.True(code == 0, $"device_protocol.py {command} failed ({code}): {stderr}");
        return output!;
    }
}
