using System.Text;
using System.Text.Json;
using Kavach.Devices.Protocol.Json;
using Kavach.Devices.Protocol.Messages;

namespace Kavach.Devices.Tests.Protocol.Json;

public sealed class ProtocolJsonTests
{
    private const string Valid =
        "{\"ver\":\"1\",\"kind\":\"time\",\"jti\":\"0b8e7c53-9d4f-4c1e-8f55-2b1a7b3c9d10\",\"seq\":7,\"timestamp\":\"2026-11-22T07:03:23.998Z\"," +
        "\"aud\":\"https://dm.example/v1/time\",\"serialNo\":\"SN0000000001\",\"mgmtId\":\"5a3f6c1e-2d4b-4e8f-9a7c-1b2d3e4f5a6b\"," +
        "\"digitalId\":\"x.y.z\",\"body\":{\"nonce\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}}";

    private static bool Read(string json, out UplinkPayload? payload) =>
        ProtocolJson.TryRead(Encoding.UTF8.GetBytes(json), DeviceProtocolJsonContext.Default.UplinkPayload, out payload);

    [Fact]
    public void A_valid_payload_reads_and_its_body_reads_by_kind()
    {
        Assert.True(Read(Valid, out UplinkPayload? payload));
        Assert.Equal(7, payload!.Seq);
        Assert.True(UplinkBodies.TryRead(payload.Kind, payload.Body, out IUplinkBody? body));
        Assert.IsType<TimeRequestBody>(body);
    }

    [Theory]
    [InlineData("\"seq\":7,", "\"seq\":7,\"seq\":8,")]
    [InlineData("{\"nonce\"", "{\"nonce\":\"x\",\"nonce\"")]
    [InlineData("\"ver\":\"1\",", "\"ver\":\"1\",\"extra\":true,")]
    [InlineData("\"seq\":7", "\"seq\":\"7\"")]
    [InlineData("\"seq\":7", "\"seq\":7.5")]
    [InlineData("\"ver\":\"1\",", "\"Ver\":\"1\",")]
    [InlineData("\"ver\":\"1\",", "")]
    [InlineData("\"aud\":\"https://dm.example/v1/time\"", "\"aud\":null")]
    [InlineData("}}", "}},")]
    [InlineData("{\"ver\"", "/*c*/{\"ver\"")]
    public void Duplicate_unknown_mistyped_missing_or_null_members_are_refused(string find, string replace)
    {
        string json = Valid.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(Valid, json);
        Assert.False(Read(json, out _));
    }

    [Fact]
    public void Unknown_member_inside_the_body_is_refused_by_the_body_reader()
    {
        Assert.True(Read(Valid.Replace("{\"nonce\"", "{\"extra\":1,\"nonce\"", StringComparison.Ordinal), out UplinkPayload? payload));
        Assert.False(UplinkBodies.TryRead(payload!.Kind, payload.Body, out _));
    }

    [Fact]
    public void Depth_over_twenty_is_refused()
    {
        string deep = new string('[', 21) + new string(']', 21);
        string json = Valid.Replace("\"body\":{", "\"x\":" + deep + ",\"body\":{", StringComparison.Ordinal);
        Assert.False(Read(json, out _));
        Assert.False(ProtocolJson.TryRead(Encoding.UTF8.GetBytes("{\"cmdId\":\"a\",\"status\":\"FAILED\",\"result\":" + new string('[', 25) + new string(']', 25) + "}"),
            DeviceProtocolJsonContext.Default.CommandResultBody, out _));
    }

    [Fact]
    public void Body_over_64_KiB_is_refused()
    {
        string json = Valid.Replace("\"x.y.z\"", "\"" + new string('a', ProtocolJson.MaxBytes) + "\"", StringComparison.Ordinal);
        Assert.False(Read(json, out _));
    }

    [Fact]
    public void Invalid_UTF8_and_lone_surrogates_are_refused_without_an_exception()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Valid);
        bytes[Array.IndexOf(bytes, (byte)'x')] = 0xC3;
        Assert.False(ProtocolJson.TryRead(bytes, DeviceProtocolJsonContext.Default.UplinkPayload, out _));
        Assert.False(Read(Valid.Replace("x.y.z", "\\uD800", StringComparison.Ordinal), out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("{")]
    public void Not_an_object_is_refused(string json) => Assert.False(Read(json, out _));

    [Fact]
    public void Body_null_instead_of_an_object_is_refused_by_the_body_reader()
    {
        Assert.True(Read(Valid.Replace("\"body\":{\"nonce\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}", "\"body\":null", StringComparison.Ordinal), out UplinkPayload? payload));
        Assert.Equal(JsonValueKind.Null, payload!.Body.ValueKind);
        Assert.False(UplinkBodies.TryRead(payload.Kind, payload.Body, out _));
    }

    [Fact]
    public void Every_body_type_round_trips_through_its_kind()
    {
        IUplinkBody[] bodies =
        [
            new EnrollBody(ProtocolValues.NewNonce(), "MIIB", "1.0.0", "1.0", ["0.9.5"], "Auth", "Production"),
            new EnrollConfirmBody("0A1B2C"),
            new ReenrollBody(ProtocolValues.NewNonce(), "MIIB", "1.0.0", "1.0", ["0.9.5"]),
            new CheckinBody("1.2.3", 4, "0A1B", "2026-12-30T00:00:00.000Z", "Ready", new DeviceHealth(36.5, false, 0), new SbiInfo(["0.9.5"], "1.0"), "2026-12-07T00:00:00.000Z"),
            new RotateBody(ProtocolValues.NewId(), "MIIB"),
            new RotateConfirmBody(ProtocolValues.NewId()),
            new CommandResultBody("cmd-1", "SUCCEEDED", JsonDocument.Parse("{\"fw\":\"1\"}").RootElement),
            new TimeRequestBody(ProtocolValues.NewNonce()),
            new UpdateReportBody(5, "1.2.4", "INSTALLED", ProtocolValues.NewNonce()),
            new DeregAckBody("SN0000000001", "0A1B", "2026-12-07T00:00:00.000Z", true),
        ];
        foreach (IUplinkBody body in bodies)
        {
            string kind = UplinkBodies.KindOf(body);
            Assert.True(UplinkBodies.TryRead(kind, UplinkBodies.ToElement(body), out IUplinkBody? read), kind);
            Assert.Equal(body.GetType(), read!.GetType());
        }
    }

    [Fact]
    public void Bodies_with_values_out_of_format_are_refused()
    {
        Assert.False(UplinkBodies.TryRead(MessageKinds.Time, UplinkBodies.ToElement(new TimeRequestBody("short")), out _));
        Assert.False(UplinkBodies.TryRead(MessageKinds.DeregAck, UplinkBodies.ToElement(new DeregAckBody("SN0000000001", "0A1B", "2026-12-07T00:00:00.000Z", false)), out _));
        Assert.False(UplinkBodies.TryRead(MessageKinds.Enroll, UplinkBodies.ToElement(new EnrollBody(ProtocolValues.NewNonce(), "MIIB", "1", "1", ["1"], "Capture", "Production")), out _));
        Assert.False(UplinkBodies.TryRead(MessageKinds.CommandResult, UplinkBodies.ToElement(new CommandResultBody("cmd-1", "DONE")), out _));
        Assert.False(UplinkBodies.TryRead("capture", UplinkBodies.ToElement(new TimeRequestBody(ProtocolValues.NewNonce())), out _));
    }

    [Theory]
    [InlineData("2026-11-22T07:03:23.998Z", true)]
    [InlineData("2026-11-22T07:03:23Z", false)]
    [InlineData("2026-11-22T07:03:23.9980Z", false)]
    [InlineData("2026-11-22T07:03:23.998+00:00", false)]
    [InlineData("2026-11-22 07:03:23.998Z", false)]
    [InlineData("2026-13-22T07:03:23.998Z", false)]
    public void Timestamps_are_ISO_8601_UTC_with_exactly_milliseconds(string text, bool valid)
    {
        Assert.Equal(valid, ProtocolTimestamp.TryParse(text, out DateTimeOffset value));
        if (valid)
        {
            Assert.Equal(text, ProtocolTimestamp.ToText(value));
        }
    }

    [Fact]
    public void Ids_are_lower_case_UUIDv4()
    {
        Assert.True(ProtocolValues.IsUuidV4(ProtocolValues.NewId()));
        Assert.False(ProtocolValues.IsUuidV4(ProtocolValues.NewId().ToUpperInvariant()));
        Assert.False(ProtocolValues.IsUuidV4("00000000-0000-1000-8000-000000000000"));
    }
}
