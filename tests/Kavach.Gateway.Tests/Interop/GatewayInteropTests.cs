using System.Text.Json.Nodes;
using Kavach.Testing.PartnerChannel;

namespace Kavach.Gateway.Tests.Interop;

/// <summary>
/// The independent Python partner (tests/interop/partner_channel.py) through the real gateway over mutual TLS, with a
/// TLS client certificate from the gateway's own partner TLS CA: its requests reach the backend verified and decrypted,
/// the gateway's responses verify (and decrypt) on its side, and its attacks never reach the backend.
/// </summary>
public abstract class GatewayInteropTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_signed_request_reaches_the_backend_as_the_verified_partner_and_the_response_verifies_in_Python()
    {
        var before = fixture.Rig.Backend.Reached;
        var config = Config("/echo", new JsonObject { ["id"] = "mosip.identity.auth", ["transactionID"] = "GW-1", ["value"] = 42 });

        var (exit, output, stderr) = await PartnerChannelPython.ClientAsync(config);

        Assert.True(exit == 0, stderr + output.ToJsonString());
        Assert.Equal("partner-alpha", output["body"]!["partnerId"]!.GetValue<string>());
        Assert.Equal("AUTH", output["body"]!["domain"]!.GetValue<string>());
        Assert.Equal(42, output["body"]!["received"]!["value"]!.GetValue<int>());
        Assert.Equal(before + 1, fixture.Rig.Backend.Reached);
    }

    [Fact]
    public async Task A_partner_header_sent_by_the_caller_is_replaced_by_the_verified_one()
    {
        var config = Config("/echo", new JsonObject { ["transactionID"] = "GW-2" });
        config["extraHeaders"] = new JsonObject { ["X-Kavach-Partner-Id"] = "someone-else", ["X-Kavach-Partner-Domain"] = "ADMIN" };

        var (exit, output, stderr) = await PartnerChannelPython.ClientAsync(config);

        Assert.True(exit == 0, stderr + output.ToJsonString());
        Assert.Equal("partner-alpha", output["body"]!["partnerId"]!.GetValue<string>());
        Assert.Equal("AUTH", output["body"]!["domain"]!.GetValue<string>());
    }

    [Fact]
    public async Task Replay_of_a_whole_request_is_refused_and_not_forwarded()
    {
        var before = fixture.Rig.Backend.Reached;
        var config = Config("/echo", new JsonObject { ["transactionID"] = "GW-R" });
        config["repeat"] = 2;

        var (exit, output, _) = await PartnerChannelPython.ClientAsync(config);

        Assert.Equal(3, exit);
        Assert.Equal([200, 401], output["statuses"]!.AsArray().Select(s => s!.GetValue<int>()));
        Assert.Contains("KER-PCH-001", output["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before + 1, fixture.Rig.Backend.Reached);
    }

    [Fact]
    public async Task Body_changed_after_signing_is_refused_and_not_forwarded()
    {
        var before = fixture.Rig.Backend.Reached;
        var config = Config("/echo", new JsonObject { ["transactionID"] = "GW-T" });
        config["tamper"] = "body";

        var (exit, _, _) = await PartnerChannelPython.ClientAsync(config);

        Assert.Equal(3, exit);
        Assert.Equal(before, fixture.Rig.Backend.Reached);
    }

    [Fact]
    public async Task A_client_certificate_from_another_CA_is_refused_and_not_forwarded()
    {
        var before = fixture.Rig.Backend.Reached;
        var rogue = fixture.Pki.Partner("partner-alpha", fixture.Pki.RogueTlsCa);
        var config = Config("/echo", new JsonObject { ["transactionID"] = "GW-C" });
        config["tlsCert"] = rogue.Tls.CertificatePath;
        config["tlsKey"] = rogue.Tls.KeyPath;

        var (exit, output, _) = await PartnerChannelPython.ClientAsync(config);

        Assert.Equal(3, exit);
        Assert.Equal(401, output["status"]!.GetValue<int>());
        Assert.Equal(before, fixture.Rig.Backend.Reached);
    }

    [Fact]
    public async Task A_revoked_partner_is_refused_on_its_next_request()
    {
        var partner = fixture.Pki.Partner($"partner-{Guid.NewGuid():N}"[..20]);
        var config = await fixture.Rig.OnboardAsync(fixture.Pki, partner, fixture.Profile);
        config["url"] = fixture.Rig.Url + "/echo";
        config["body"] = new JsonObject { ["transactionID"] = "GW-V" };
        var (accepted, _, stderr) = await PartnerChannelPython.ClientAsync(config);
        Assert.True(accepted == 0, stderr);

        await fixture.Rig.RevokeAsync(partner.PartnerId);
        var before = fixture.Rig.Backend.Reached;
        var (refused, output, _) = await PartnerChannelPython.ClientAsync(config);

        Assert.Equal(3, refused);
        Assert.Equal(401, output["status"]!.GetValue<int>());
        Assert.Equal(before, fixture.Rig.Backend.Reached);
    }

    protected JsonObject Config(string path, JsonNode? body)
    {
        var config = fixture.Alpha.DeepClone().AsObject();
        config["url"] = fixture.Rig.Url + path;
        config["body"] = body;
        return config;
    }
}

/// <summary>The mosip profile through the gateway, with IDA field-level encryption and eSignet's kyc-auth body.</summary>
public sealed class MosipGatewayInteropTests(MosipGatewayFixture fixture) : GatewayInteropTests(fixture), IClassFixture<MosipGatewayFixture>
{
    [Fact]
    public async Task IDA_field_encryption_is_decrypted_before_the_backend()
    {
        var config = Config("/echo", new JsonObject { ["transactionID"] = "GW-E", ["request"] = new JsonObject { ["otp"] = "424242" } });
        config["encryptFields"] = true;

        var (exit, output, stderr) = await PartnerChannelPython.ClientAsync(config);

        Assert.True(exit == 0, stderr + output.ToJsonString());
        Assert.Equal("424242", output["body"]!["received"]!["request"]!["otp"]!.GetValue<string>());
        Assert.Null(output["body"]!["received"]!["requestSessionKey"]);
    }

    [Fact]
    public async Task A_kyc_auth_request_built_as_eSignet_builds_it_passes()
    {
        var config = Config("/echo", null);
        config["style"] = "esignet";

        var (exit, output, stderr) = await PartnerChannelPython.ClientAsync(config);

        Assert.True(exit == 0, stderr + output.ToJsonString());
        Assert.Equal("mosip.identity.kycauth", output["body"]!["received"]!["id"]!.GetValue<string>());
        Assert.Equal("111111", output["body"]!["received"]!["request"]!["otp"]!.GetValue<string>());
    }
}

/// <summary>The kavach profile through the gateway: JWE both ways, RFC 9421 signatures bound to the request.</summary>
public sealed class KavachGatewayInteropTests(KavachGatewayFixture fixture) : GatewayInteropTests(fixture), IClassFixture<KavachGatewayFixture>
{
    [Fact]
    public async Task A_GET_without_body_passes_and_its_encrypted_answer_decrypts_in_Python()
    {
        var config = Config("/whoami", null);
        config["method"] = "GET";

        var (exit, output, stderr) = await PartnerChannelPython.ClientAsync(config);

        Assert.True(exit == 0, stderr + output.ToJsonString());
        Assert.Equal("partner-alpha", output["body"]!["partnerId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_request_outside_the_time_window_is_refused_and_not_forwarded()
    {
        var before = fixture.Rig.Backend.Reached;
        var config = Config("/echo", new JsonObject { ["a"] = 1 });
        config["createdOffset"] = -120;

        var (exit, _, _) = await PartnerChannelPython.ClientAsync(config);

        Assert.Equal(3, exit);
        Assert.Equal(before, fixture.Rig.Backend.Reached);
    }
}
