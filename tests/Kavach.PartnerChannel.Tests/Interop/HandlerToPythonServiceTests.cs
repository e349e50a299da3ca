using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Kavach.PartnerChannel.Client;
using Kavach.PartnerChannel.Keys;
using Kavach.Testing.PartnerChannel;

namespace Kavach.PartnerChannel.Tests.Interop;

/// <summary>
/// Our <c>PartnerChannelHandler</c> against the independent Python service over real TLS: our signed (and encrypted)
/// requests verify and decrypt there, its signed (kavach: encrypted) answers verify and decrypt here; and when it
/// answers wrongly on purpose, the handler fails closed.
/// </summary>
public sealed class HandlerToPythonServiceTests(InteropPki fixture) : IClassFixture<InteropPki>
{
    private PartnerChannelPki Pki => fixture.Pki;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Mosip_our_request_verifies_in_Python_and_its_response_signature_verifies_here(bool encrypt)
    {
        await using var service = await PartnerChannelPython.ServeAsync(Pki, "mosip", [fixture.Alpha]);
        using var client = Client(service, ChannelProfile.Mosip, encrypt);

        using var response = await client.PostAsJsonAsync("/idauthentication/v1/auth", new JsonObject
        {
            ["id"] = "mosip.identity.auth",
            ["transactionID"] = "TXN-9",
            ["requestTime"] = Now(),
            ["request"] = new JsonObject { ["otp"] = "123456" },
        });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal("TXN-9", body!["transactionID"]!.GetValue<string>());
        Assert.Equal("partner-alpha", body["response"]!["partner"]!.GetValue<string>());
        Assert.Equal("123456", body["response"]!["received"]!["request"]!["otp"]!.GetValue<string>());
        Assert.Equal("partner-alpha", Assert.Single(await service.DecisionsAsync(1))["accepted"]!.GetValue<string>());
    }

    [Fact]
    public async Task Kavach_our_encrypted_request_decrypts_in_Python_and_its_encrypted_response_decrypts_here()
    {
        await using var service = await PartnerChannelPython.ServeAsync(Pki, "kavach", [fixture.Alpha]);
        using var client = Client(service, ChannelProfile.Kavach);

        using var response = await client.PostAsJsonAsync("/echo?x=1", new JsonObject { ["hello"] = "python" });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal("python", body!["received"]!["hello"]!.GetValue<string>());
        Assert.Equal($"{service.BaseAddress}echo?x=1", body["uri"]!.GetValue<string>());
        Assert.Equal("partner-alpha", body["partner"]!.GetValue<string>());
    }

    [Fact]
    public async Task Kavach_a_GET_without_body_verifies_both_ways()
    {
        await using var service = await PartnerChannelPython.ServeAsync(Pki, "kavach", [fixture.Alpha]);
        using var client = Client(service, ChannelProfile.Kavach);

        var body = await client.GetFromJsonAsync<JsonObject>("/whoami");

        Assert.Equal("GET", body!["method"]!.GetValue<string>());
        Assert.Null(body["received"]);
    }

    [Theory]
    [InlineData("mosip", "unsigned")]
    [InlineData("mosip", "wrong-body")]
    [InlineData("mosip", "foreign-cert")]
    [InlineData("mosip", "wrong-transaction")]
    [InlineData("kavach", "unsigned")]
    [InlineData("kavach", "wrong-body")]
    public async Task A_response_unsigned_swapped_or_signed_by_another_certificate_fails_closed(string profile, string misbehave)
    {
        await using var service = await PartnerChannelPython.ServeAsync(Pki, profile, [fixture.Alpha], misbehave);
        using var client = Client(service, profile == "mosip" ? ChannelProfile.Mosip : ChannelProfile.Kavach);

        await Assert.ThrowsAsync<PartnerChannelException>(() => client.PostAsJsonAsync("/echo", new JsonObject
        {
            ["transactionID"] = "TXN-S",
            ["requestTime"] = Now(),
        }));
        Assert.Equal("partner-alpha", Assert.Single(await service.DecisionsAsync(1))["accepted"]!.GetValue<string>());
    }

    [Fact]
    public async Task Kavach_a_response_replayed_onto_another_request_fails_closed()
    {
        await using var service = await PartnerChannelPython.ServeAsync(Pki, "kavach", [fixture.Alpha], "replay-response");
        using var client = Client(service, ChannelProfile.Kavach);
        using var first = await client.PostAsJsonAsync("/echo", new JsonObject { ["n"] = 1 });
        Assert.True(first.IsSuccessStatusCode);

        // The service answers the second request with the first one's signed response: valid signature, wrong request.
        await Assert.ThrowsAsync<PartnerChannelException>(() => client.PostAsJsonAsync("/echo", new JsonObject { ["n"] = 2 }));
    }

    private HttpClient Client(PythonChannelService service, ChannelProfile profile, bool encryptMosip = false)
    {
        var keys = new CertificateChannelKeys(fixture.Alpha.Signing.Certificate, fixture.Alpha.Encryption.Certificate);
        var options = new PartnerChannelClientOptions
        {
            Profile = profile,
            ServerSigningCertificate = X509CertificateLoader.LoadCertificate(Pki.ServerSigning.Certificate.RawData),
            ServerEncryptionCertificate = X509CertificateLoader.LoadCertificate(Pki.ServerEncryption.Certificate.RawData),
            Signer = keys,
            Decryptor = keys,
            EncryptMosipRequest = encryptMosip,
        };
        return PartnerHttpClientFactory.CreateClient(options, fixture.Alpha.Tls.Certificate, [Pki.TlsCa.Certificate], service.BaseAddress);
    }

    private static string Now() =>
        TimeProvider.System.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
