using System.Text.Json;
using Kavach.Devices.Protocol.Json;
using Kavach.Devices.Protocol.Messages;

namespace Kavach.Devices.Tests.Protocol.Messages;

public sealed class MessageKindsTests
{
    [Fact]
    public void Every_uplink_kind_has_its_typ_constant()
    {
        string[] constants = [MessageTypes.Enroll, MessageTypes.EnrollConfirm, MessageTypes.Reenroll, MessageTypes.Checkin, MessageTypes.Rotate,
            MessageTypes.RotateConfirm, MessageTypes.CommandResult, MessageTypes.Time, MessageTypes.UpdateReport, MessageTypes.DeregAck];
        Assert.Equal(constants, MessageKinds.UplinkKinds.Select(MessageKinds.UplinkType));
        Assert.Equal("dm-resp+jwt", MessageTypes.Response);
        Assert.Throws<ArgumentException>(() => MessageKinds.UplinkType("capture"));
        Assert.Throws<ArgumentException>(() => MessageKinds.UplinkType(MessageKinds.Challenge));
    }

    [Fact]
    public void Payload_members_are_written_in_the_specification_order()
    {
        var uplink = new UplinkPayload("1", "time", ProtocolValues.NewId(), 1, "2026-12-07T06:00:00.000Z", "https://dm.example/v1/time", "SN1",
            "a.b.c", UplinkBodies.ToElement(new TimeRequestBody(ProtocolValues.NewNonce())), ProtocolValues.NewId());
        Assert.Equal(
            ["ver", "kind", "jti", "seq", "timestamp", "aud", "serialNo", "mgmtId", "digitalId", "body"],
            Names(ProtocolJson.Write(uplink, DeviceProtocolJsonContext.Default.UplinkPayload)));

        var downlink = new DownlinkPayload("1", "time", ProtocolValues.NewId(), 2, "2026-12-07T06:00:00.000Z", "2026-12-07T06:05:00.000Z",
            "2026-12-07T06:00:00.000Z", 900, [], DownlinkBodies.ToElement(EmptyBody.Instance), ProtocolValues.NewId(), "SN1", new DevicePolicy(900, 20, 30), "a.b.c");
        Assert.Equal(
            ["ver", "kind", "jti", "inResponseTo", "seq", "timestamp", "exp", "aud", "serverTime", "pollAfterSeconds", "commands", "policy", "digitalId", "body"],
            Names(ProtocolJson.Write(downlink, DeviceProtocolJsonContext.Default.DownlinkPayload)));
    }

    [Fact]
    public void Absent_optional_members_are_left_out_not_written_as_null()
    {
        var challenge = new DownlinkPayload("1", "challenge", ProtocolValues.NewId(), 0, "2026-12-07T06:00:00.000Z", "2026-12-07T06:05:00.000Z",
            "2026-12-07T06:00:00.000Z", 0, [], DownlinkBodies.ToElement(EmptyBody.Instance));
        string[] names = Names(ProtocolJson.Write(challenge, DeviceProtocolJsonContext.Default.DownlinkPayload));
        Assert.DoesNotContain("aud", names);
        Assert.DoesNotContain("inResponseTo", names);
        Assert.DoesNotContain("digitalId", names);
    }

    private static string[] Names(byte[] json) =>
        [.. JsonDocument.Parse(json).RootElement.EnumerateObject().Select(p => p.Name)];
}
