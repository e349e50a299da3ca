using System.Text.Json.Nodes;
using Kavach.Testing.PartnerChannel;

namespace Kavach.PartnerChannel.Tests.Interop;

/// <summary>
/// The independent Python partner (tests/interop/partner_channel.py) against our middleware over real TLS: its signed
/// and encrypted requests pass, our signed (kavach: and encrypted) responses verify and decrypt on its side; what it
/// does wrong on purpose is refused with the one generic error and never reaches the backend.
/// </summary>
public sealed class PythonClientToMiddlewareTests(InteropPki fixture) : IClassFixture<InteropPki>
{
    private PartnerChannelPki Pki => fixture.Pki;

    [Theory]
    [InlineData("der")]
    [InlineData("pem-b64url")]
    [InlineData("pem-encodebytes")]
    public async Task Mosip_a_signed_request_passes_and_the_response_signature_verifies_in_Python(string x5cStyle)
    {
        await using var host = await ChannelTestHost.StartAsync(Pki, ChannelProfile.Mosip, fixture.Alpha);
        var config = Client(host, "mosip", "/echo", new JsonObject { ["id"] = "mosip.identity.auth", ["transactionID"] = "TXN-1", ["individualId"] = "4073926307" });
        config["x5cStyle"] = x5cStyle;

        var (exit, output, stderr) = await PartnerChannelPython.ClientAsync(config);

        Assert.True(exit == 0, stderr + output.ToJsonString());
        Assert.Equal("partner-alpha", output["body"]!["partner"]!.GetValue<string>());
        Assert.Equal("TXN-1", output["body"]!["transactionID"]!.GetValue<string>());
        Assert.Equal(1, host.Reached);
    }

    [Fact]
    public async Task Mosip_IDA_field_level_encryption_from_Python_is_decrypted_for_the_backend()
    {
        await using var host = await ChannelTestHost.StartAsync(Pki, ChannelProfile.Mosip, fixture.Alpha);
        var config = Client(host, "mosip", "/echo", new JsonObject
        {
            ["id"] = "mosip.identity.auth",
            ["transactionID"] = "TXN-2",
            ["request"] = new JsonObject { ["otp"] = "111111", ["timestamp"] = "2026-01-01T00:00:00.000Z" },
        });
        config["encryptFields"] = true;

        var (exit, output, stderr) = await PartnerChannelPython.ClientAsync(config);

        Assert.True(exit == 0, stderr + output.ToJsonString());
        Assert.Equal("111111", host.LastReceived!["request"]!["otp"]!.GetValue<string>());
        Assert.Null(host.LastReceived["requestSessionKey"]);
        Assert.Null(host.LastReceived["requestHMAC"]);
        Assert.Null(host.LastReceived["thumbprint"]);
    }

    [Fact]
    public async Task Mosip_a_kyc_auth_request_built_as_eSignet_builds_it_is_accepted()
    {
        await using var host = await ChannelTestHost.StartAsync(Pki, ChannelProfile.Mosip, fixture.Alpha);
        var config = Client(host, "mosip", "/echo", null);
        config["style"] = "esignet";
        config["transactionID"] = "ESIGNET-TXN-7";

        var (exit, output, stderr) = await PartnerChannelPython.ClientAsync(config);

        Assert.True(exit == 0, stderr + output.ToJsonString());
        Assert.Equal("mosip.identity.kycauth", host.LastReceived!["id"]!.GetValue<string>());
        Assert.Equal("111111", host.LastReceived["request"]!["otp"]!.GetValue<string>());
        Assert.Equal("ESIGNET-TXN-7", output["body"]!["transactionID"]!.GetValue<string>());
    }

    [Fact]
    public async Task Kavach_an_encrypted_signed_POST_passes_and_the_encrypted_response_decrypts_in_Python()
    {
        await using var host = await ChannelTestHost.StartAsync(Pki, ChannelProfile.Kavach, fixture.Alpha);
        var config = Client(host, "kavach", "/echo?case=1", new JsonObject { ["hello"] = "world" });

        var (exit, output, stderr) = await PartnerChannelPython.ClientAsync(config);

        Assert.True(exit == 0, stderr + output.ToJsonString());
        Assert.Equal("world", output["body"]!["received"]!["hello"]!.GetValue<string>());
        Assert.Equal("partner-alpha", output["body"]!["partner"]!.GetValue<string>());
        Assert.Equal(1, host.Reached);
    }

    [Fact]
    public async Task Kavach_a_signed_GET_without_body_passes()
    {
        await using var host = await ChannelTestHost.StartAsync(Pki, ChannelProfile.Kavach, fixture.Beta);
        var config = Client(host, "kavach", "/whoami", null, fixture.Beta);
        config["method"] = "GET";

        var (exit, output, stderr) = await PartnerChannelPython.ClientAsync(config);

        Assert.True(exit == 0, stderr + output.ToJsonString());
        Assert.Equal("partner-beta", output["body"]!["partner"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("mosip")]
    [InlineData("kavach")]
    public async Task Replay_of_a_whole_request_is_refused_and_not_forwarded(string profile)
    {
        await using var host = await ChannelTestHost.StartAsync(Pki, Profile(profile), fixture.Alpha);
        var config = Client(host, profile, "/echo", new JsonObject { ["transactionID"] = "TXN-R" });
        config["repeat"] = 2;

        var (exit, output, _) = await PartnerChannelPython.ClientAsync(config);

        Assert.Equal(3, exit);
        Assert.Equal([200, 401], output["statuses"]!.AsArray().Select(s => s!.GetValue<int>()));
        Assert.Contains("KER-PCH-001", output["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, host.Reached);
    }

    [Theory]
    [InlineData("mosip")]
    [InlineData("kavach")]
    public async Task Body_changed_after_signing_is_refused_and_not_forwarded(string profile)
    {
        await using var host = await ChannelTestHost.StartAsync(Pki, Profile(profile), fixture.Alpha);
        var config = Client(host, profile, "/echo", new JsonObject { ["transactionID"] = "TXN-T" });
        config["tamper"] = "body";

        var (exit, output, _) = await PartnerChannelPython.ClientAsync(config);

        Assert.Equal(3, exit);
        Assert.Equal(401, output["status"]!.GetValue<int>());
        Assert.Equal(0, host.Reached);
    }

    [Theory]
    [InlineData("mosip")]
    [InlineData("kavach")]
    public async Task Signature_by_another_partners_certificate_is_refused(string profile)
    {
        await using var host = await ChannelTestHost.StartAsync(Pki, Profile(profile), fixture.Alpha, fixture.Beta);
        var config = Client(host, profile, "/echo", new JsonObject { ["a"] = 1 });
        config["signingKey"] = fixture.Beta.Signing.KeyPath;
        config["signingCert"] = fixture.Beta.Signing.CertificatePath;

        var (exit, output, _) = await PartnerChannelPython.ClientAsync(config);

        Assert.Equal(3, exit);
        Assert.Equal(401, output["status"]!.GetValue<int>());
        Assert.Equal(0, host.Reached);
    }

    [Fact]
    public async Task Kavach_a_request_outside_the_time_window_is_refused()
    {
        await using var host = await ChannelTestHost.StartAsync(Pki, ChannelProfile.Kavach, fixture.Alpha);
        var config = Client(host, "kavach", "/echo", new JsonObject { ["a"] = 1 });
        config["createdOffset"] = -120;

        var (exit, _, _) = await PartnerChannelPython.ClientAsync(config);

        Assert.Equal(3, exit);
        Assert.Equal(0, host.Reached);
    }

    [Fact]
    public async Task Mosip_a_request_outside_the_time_window_is_refused()
    {
        await using var host = await ChannelTestHost.StartAsync(Pki, ChannelProfile.Mosip, fixture.Alpha);
        var config = Client(host, "mosip", "/echo", new JsonObject { ["requestTime"] = "2020-01-01T00:00:00.000Z" });

        var (exit, _, _) = await PartnerChannelPython.ClientAsync(config);

        Assert.Equal(3, exit);
        Assert.Equal(0, host.Reached);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task No_client_certificate_or_one_from_another_CA_is_refused(bool rogue)
    {
        await using var host = await ChannelTestHost.StartAsync(Pki, ChannelProfile.Kavach, fixture.Alpha);
        var config = Client(host, "kavach", "/echo", new JsonObject { ["a"] = 1 });
        if (rogue)
        {
            config["tlsCert"] = fixture.Rogue.Tls.CertificatePath;
            config["tlsKey"] = fixture.Rogue.Tls.KeyPath;
        }
        else
        {
            config.Remove("tlsCert");
        }

        var (exit, output, _) = await PartnerChannelPython.ClientAsync(config);

        Assert.Equal(3, exit);
        Assert.Equal(401, output["status"]!.GetValue<int>());
        Assert.Equal(0, host.Reached);
    }

    private static ChannelProfile Profile(string profile) => profile == "mosip" ? ChannelProfile.Mosip : ChannelProfile.Kavach;

    private JsonObject Client(ChannelTestHost host, string profile, string path, JsonNode? body, PartnerIdentity? partner = null) =>
        PartnerChannelPython.ClientConfig(Pki, partner ?? fixture.Alpha, profile, host.Url + path, body);
}
