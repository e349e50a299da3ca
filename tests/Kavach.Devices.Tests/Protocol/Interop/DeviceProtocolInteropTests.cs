using System.Text;
using System.Text.Json.Nodes;
using Kavach.Devices.Protocol;
using Kavach.Devices.Protocol.Jose;
using Kavach.Devices.Protocol.Json;
using Kavach.Devices.Protocol.Messages;
using Kavach.Devices.Tests.Protocol.Support;

namespace Kavach.Devices.Tests.Protocol.Interop;

/// <summary>Our JOSE and messages against jwcrypto/cryptography (tests/interop/device_protocol.py), both ways.</summary>
public sealed class DeviceProtocolInteropTests
{
    private readonly ProtocolHarness _h = new();

    [Fact]
    public async Task A_jwcrypto_JWE_RSA_OAEP_256_A256GCM_decrypts_with_ours()
    {
        JsonObject made = await DeviceProtocolPython.RunOkAsync("jwe-encrypt", new()
        {
            ["cert"] = DeviceProtocolPython.CertificatePem(_h.Pki.ServerEncryption),
            ["kid"] = TestPki.EncryptionKid,
            ["plaintext"] = "eyJhbGciOiJSUzI1NiJ9.e30.c2ln",
        });

        var result = await StrictJwe.DecryptAsync((string)made["token"]!, _h.Keys.UnwrapContentKeyAsync, default);

        Assert.True(result.IsSuccess, result.Detail);
        Assert.Equal("eyJhbGciOiJSUzI1NiJ9.e30.c2ln", Encoding.ASCII.GetString(result.Value.Plaintext));
    }

    [Fact]
    public async Task Our_JWE_decrypts_with_jwcrypto_and_carries_exactly_the_four_header_members()
    {
        string token = StrictJwe.Encrypt("nested.jws.text"u8, _h.Pki.ServerEncryption.Certificate, TestPki.EncryptionKid);

        JsonObject opened = await DeviceProtocolPython.RunOkAsync("jwe-decrypt", new()
        {
            ["key"] = DeviceProtocolPython.KeyPem(_h.Pki.ServerEncryption),
            ["token"] = token,
        });

        Assert.Equal("nested.jws.text", (string)opened["plaintext"]!);
        Assert.Equal(["alg", "enc", "kid", "cty"], opened["header"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task A_jwcrypto_RS256_JWS_verifies_with_ours()
    {
        JsonObject made = await DeviceProtocolPython.RunOkAsync("jws-sign", new()
        {
            ["key"] = DeviceProtocolPython.KeyPem(_h.Device),
            ["cert"] = DeviceProtocolPython.CertificatePem(_h.Device),
            ["typ"] = "dm-checkin+jwt",
            ["payload"] = "{\"a\":1}",
        });

        var parsed = StrictJws.Parse((string)made["token"]!, "dm-checkin+jwt", 1);

        Assert.True(parsed.IsSuccess, parsed.Detail);
        Assert.True(StrictJws.VerifySignature(parsed.Value));
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(parsed.Value.Payload.Span));
    }

    [Fact]
    public async Task Our_RS256_JWS_verifies_with_jwcrypto()
    {
        string token = await StrictJws.SignAsync("dm-checkin+jwt", [_h.Device.Certificate], StrictJws.CertificateKid(_h.Device.Certificate), "{\"a\":1}"u8.ToArray(), _h.Device.SignAsync, default);

        JsonObject verified = await DeviceProtocolPython.RunOkAsync("jws-verify", new() { ["token"] = token, ["typ"] = "dm-checkin+jwt" });

        Assert.Equal("{\"a\":1}", (string)verified["payload"]!);
        var (code, _, _) = await DeviceProtocolPython.RunAsync("jws-verify", new() { ["token"] = token[..^4] + "AAAA", ["typ"] = "dm-checkin+jwt" });
        Assert.Equal(2, code);
    }

    [Fact]
    public async Task A_check_in_sealed_by_the_Python_device_passes_our_uplink_reader()
    {
        var payload = new UplinkPayload(
            MessageKinds.Version, MessageKinds.Checkin, ProtocolValues.NewId(), 1, ProtocolTimestamp.ToText(_h.Clock.GetUtcNow()),
            ProtocolHarness.Route(MessageKinds.Checkin).Audience, ProtocolHarness.SerialNo, await _h.DigitalIdAsync(),
            UplinkBodies.ToElement(ProtocolHarness.Checkin()), _h.MgmtId);
        JsonObject made = await DeviceProtocolPython.RunOkAsync("uplink", new()
        {
            ["deviceKey"] = DeviceProtocolPython.KeyPem(_h.Device),
            ["deviceCert"] = DeviceProtocolPython.CertificatePem(_h.Device),
            ["serverCert"] = DeviceProtocolPython.CertificatePem(_h.Pki.ServerEncryption),
            ["kid"] = TestPki.EncryptionKid,
            ["payload"] = Encoding.UTF8.GetString(ProtocolJson.Write(payload, DeviceProtocolJsonContext.Default.UplinkPayload)),
        });

        var read = await _h.Reader.ReadAsync((string)made["token"]!, ProtocolHarness.Route(MessageKinds.Checkin), _h.Device.Certificate, default);

        Assert.True(read.IsSuccess, read.Detail);
        Assert.Equal(payload.Jti, read.Value.Payload.Jti);
    }

    [Fact]
    public async Task Our_signed_response_verifies_with_the_Python_device_against_the_pinned_root()
    {
        SealedUplink sent = await _h.SealAsync(ProtocolHarness.Checkin());
        var request = await _h.Reader.ReadAsync(sent.Compact, ProtocolHarness.Route(MessageKinds.Checkin), _h.Device.Certificate, default);
        SignedDownlink response = await _h.Writer.WriteAsync(DownlinkDraft.ReplyTo(request.Value!, EmptyBody.Instance), default);
        var verify = new JsonObject
        {
            ["token"] = response.Compact,
            ["root"] = DeviceProtocolPython.CertificatePem(_h.Pki.ServerRoot),
            ["requestJti"] = sent.Payload.Jti,
            ["serialNo"] = ProtocolHarness.SerialNo,
        };

        JsonObject verified = await DeviceProtocolPython.RunOkAsync("downlink-verify", verify);
        Assert.Equal(sent.Payload.Jti, (string)verified["payload"]!["inResponseTo"]!);

        verify["requestJti"] = ProtocolValues.NewId();
        Assert.Equal(2, (await DeviceProtocolPython.RunAsync("downlink-verify", verify)).ExitCode);
        verify["requestJti"] = sent.Payload.Jti;
        verify["root"] = DeviceProtocolPython.CertificatePem(_h.Pki.RogueCa);
        Assert.Equal(2, (await DeviceProtocolPython.RunAsync("downlink-verify", verify)).ExitCode);
    }
}
