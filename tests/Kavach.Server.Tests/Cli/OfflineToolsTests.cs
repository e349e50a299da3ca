using System.Text;
using Kavach.Cli;
using Kavach.Crypto;
using Kavach.Server.Tests.Support;
using Kavach.Testing;

namespace Kavach.Server.Tests.Cli;

/// <summary>The offline CLI tools make and read exactly the server's bytes.</summary>
public sealed class OfflineToolsTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IDisposable
{
    private readonly TestServer _server = fixture.Server;
    private readonly TempDirectory _dir = new("kavach-offline");

    [Fact]
    public async Task Envelope_made_by_the_CLI_decrypts_on_the_server()
    {
        await File.WriteAllTextAsync(_dir.File("cert.pem"), (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=REGISTRATION&referenceId=offline")).Body.Field("certificate"));
        var data = "registration packet"u8.ToArray();
        var (code, output, error) = await RunAsync(data, "crypto", "encrypt", "--cert", _dir.File("cert.pem"));
        Assert.True(code == 0, error);
        var (_, body) = await _server.PostAsync("/v1/keymanager/decrypt", new { applicationId = "REGISTRATION", referenceId = "offline", timeStamp = "2025-01-01T10:00:00.000Z", data = Encoding.ASCII.GetString(output).Trim() });
        Assert.Equal(Base64Url.Encode(data), body.Field("data"));
    }

    [Fact]
    public async Task Envelope_made_by_the_server_decrypts_in_the_CLI_with_the_partner_key()
    {
        using var ca = await ExternalCa.CreateAsync();
        var (certificate, key) = await ca.IssueNewWithKeyAsync("offline-partner");
        await File.WriteAllTextAsync(_dir.File("partner.key"), key);
        await _server.PostAsync("/v1/keymanager/uploadOtherDomainCertificate", new { applicationId = "IDA", referenceId = "OFFLINE", certificateData = certificate });
        var encrypted = (await _server.PostAsync("/v1/keymanager/encrypt", new { applicationId = "IDA", referenceId = "OFFLINE", timeStamp = "2025-01-01T10:00:00.000Z", data = "AQIDBA", salt = "AAECAwQFBgcICQoLDA" })).Body.Field("data");
        var (code, output, error) = await RunAsync(Encoding.ASCII.GetBytes(encrypted), "crypto", "decrypt", "--key", _dir.File("partner.key"), "--salt", "AAECAwQFBgcICQoLDA");
        Assert.True(code == 0, error);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, output);
    }

    [Fact]
    public async Task Server_signatures_verify_in_the_CLI()
    {
        await File.WriteAllTextAsync(_dir.File("sign.pem"), (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=KERNEL&referenceId=SIGN")).Body.Field("certificate"));
        var payload = Encoding.UTF8.GetBytes("{\"claim\":1}");
        var attached = (await _server.PostAsync("/v1/keymanager/jwtSign", new { dataToSign = Base64Url.Encode(payload), includePayload = true })).Body.Field("jwtSignedData");
        var (ok, output, _) = await RunAsync(Encoding.ASCII.GetBytes(attached), "jws", "verify", "--cert", _dir.File("sign.pem"));
        Assert.Equal(0, ok);
        Assert.Equal("valid", Encoding.UTF8.GetString(output).Trim());

        var detached = (await _server.PostAsync("/v1/keymanager/jwtSign", new { dataToSign = Base64Url.Encode(payload) })).Body.Field("jwtSignedData");
        await File.WriteAllBytesAsync(_dir.File("payload"), payload);
        Assert.Equal(0, (await RunAsync(Encoding.ASCII.GetBytes(detached), "jws", "verify", "--cert", _dir.File("sign.pem"), "--payload", _dir.File("payload"))).Code);
        await File.WriteAllBytesAsync(_dir.File("other"), "{\"claim\":2}"u8.ToArray());
        var (bad, _, error) = await RunAsync(Encoding.ASCII.GetBytes(detached), "jws", "verify", "--cert", _dir.File("sign.pem"), "--payload", _dir.File("other"));
        Assert.Equal(1, bad);
        Assert.Equal("kavach: invalid signature", error.Trim());
    }

    public void Dispose() => _dir.Dispose();

    private static async Task<(int Code, byte[] Output, string Error)> RunAsync(byte[] stdin, params string[] args)
    {
        using var input = new MemoryStream(stdin);
        using var output = new MemoryStream();
        using var text = new StringWriter();
        using var error = new StringWriter();
        var code = await KavachCli.RunAsync(args, new CliConsole(input, output, text, error));
        return (code, [.. output.ToArray(), .. Encoding.UTF8.GetBytes(text.ToString())], error.ToString());
    }
}
