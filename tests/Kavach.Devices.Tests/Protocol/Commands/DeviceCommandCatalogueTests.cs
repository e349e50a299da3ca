using System.Text.Json;
using Kavach.Devices.Protocol.Commands;
using Kavach.Devices.Protocol.Messages;

namespace Kavach.Devices.Tests.Protocol.Commands;

public sealed class DeviceCommandCatalogueTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Capture_path_absence_the_catalogue_is_exactly_seven_kinds_with_no_capture_stream_or_passthrough()
    {
        Assert.Equal(
            ["GetDeviceInfo", "SyncTime", "RotateKey", "Deregister", "UpdateAvailable", "SetPolicy", "GetLogs"],
            Enum.GetNames<DeviceCommandKind>());
        foreach (string forbidden in new[] { "capture", "rCapture", "stream", "sbi", "passthrough", "Capture" })
        {
            Assert.False(DeviceCommandKinds.TryParse(forbidden, out _));
        }
    }

    [Fact]
    public void Capture_path_absence_a_capture_command_is_rejected_never_executable()
    {
        var wire = new DownlinkCommand("cmd-1", "capture", ProtocolTimestamp.ToText(Now.AddMinutes(5)), JsonDocument.Parse("{\"modality\":\"Finger\"}").RootElement);
        CatalogueCommand read = DeviceCommandCatalogue.Read(wire, Now);
        Assert.Equal(CommandReadOutcome.Rejected, read.Outcome);
        Assert.False(read.IsExecutable);
        Assert.Null(read.Kind);
        Assert.Null(read.Arguments);
    }

    public static TheoryData<DeviceCommandKind, IDeviceCommandArguments> Commands => new()
    {
        { DeviceCommandKind.GetDeviceInfo, NoArguments.Instance },
        { DeviceCommandKind.SyncTime, NoArguments.Instance },
        { DeviceCommandKind.RotateKey, new RotateKeyArguments(ProtocolValues.NewId(), "2026-12-08T06:00:00.000Z") },
        { DeviceCommandKind.Deregister, new DeregisterArguments("decommissioned") },
        { DeviceCommandKind.UpdateAvailable, new UpdateAvailableArguments(12) },
        { DeviceCommandKind.SetPolicy, new SetPolicyArguments(900, 20, 30) },
        { DeviceCommandKind.GetLogs, new GetLogsArguments(0) },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_catalogue_command_round_trips(DeviceCommandKind kind, IDeviceCommandArguments arguments)
    {
        DownlinkCommand wire = DeviceCommandCatalogue.Create(kind, "cmd-42", Now.AddMinutes(5), arguments);
        CatalogueCommand read = DeviceCommandCatalogue.Read(wire, Now);
        Assert.True(read.IsExecutable, read.Reason);
        Assert.Equal(kind, read.Kind);
        Assert.Equal(arguments, read.Arguments);
    }

    [Theory]
    [InlineData("rotateKey", "{\"rotationId\":\"not-a-uuid\",\"deadline\":\"2026-12-08T06:00:00.000Z\"}")]
    [InlineData("rotateKey", "{\"rotationId\":\"0b8e7c53-9d4f-4c1e-8f55-2b1a7b3c9d10\"}")]
    [InlineData("updateAvailable", "{\"releaseCounter\":0}")]
    [InlineData("updateAvailable", "{\"releaseCounter\":\"5\"}")]
    [InlineData("setPolicy", "{\"checkinSeconds\":1,\"rotateAfterDays\":20,\"certDays\":30}")]
    [InlineData("setPolicy", "{\"checkinSeconds\":900,\"rotateAfterDays\":30,\"certDays\":30}")]
    [InlineData("getLogs", "{\"sinceSeq\":-1}")]
    [InlineData("getDeviceInfo", "{\"include\":\"bioValue\"}")]
    [InlineData("deregister", "{\"reason\":\"x\",\"wipe\":\"sbi\"}")]
    [InlineData("deregister", null)]
    public void Catalogue_kind_with_bad_arguments_is_rejected(string kind, string? args)
    {
        var wire = new DownlinkCommand("cmd-1", kind, ProtocolTimestamp.ToText(Now.AddMinutes(5)), args is null ? null : JsonDocument.Parse(args).RootElement);
        CatalogueCommand read = DeviceCommandCatalogue.Read(wire, Now);
        Assert.Equal(CommandReadOutcome.Rejected, read.Outcome);
        Assert.False(read.IsExecutable);
    }

    [Fact]
    public void Expired_command_is_not_executable()
    {
        DownlinkCommand wire = DeviceCommandCatalogue.Create(DeviceCommandKind.SyncTime, "cmd-1", Now.AddSeconds(-1), NoArguments.Instance);
        CatalogueCommand read = DeviceCommandCatalogue.Read(wire, Now);
        Assert.Equal(CommandReadOutcome.Expired, read.Outcome);
        Assert.False(read.IsExecutable);
    }

    [Fact]
    public void Creating_a_command_with_arguments_of_another_kind_is_a_caller_bug()
    {
        Assert.Throws<ArgumentException>(() => DeviceCommandCatalogue.Create(DeviceCommandKind.RotateKey, "cmd-1", Now, new GetLogsArguments(1)));
        Assert.Throws<ArgumentException>(() => DeviceCommandCatalogue.Create(DeviceCommandKind.SyncTime, "bad id!", Now, NoArguments.Instance));
    }
}
