using Kavach.Devices.Updates;

namespace Kavach.Devices.Tests.Updates;

/// <summary>The wire names of update-report statuses: exact, upper case, four of them.</summary>
public sealed class UpdateReportStatusesTests
{
    [Theory]
    [InlineData("INSTALLED", UpdateReportStatus.Installed)]
    [InlineData("FAILED", UpdateReportStatus.Failed)]
    [InlineData("REVERTED", UpdateReportStatus.Reverted)]
    [InlineData("STALE", UpdateReportStatus.Stale)]
    public void The_protocol_statuses_map_both_ways(string wire, UpdateReportStatus status)
    {
        Assert.True(UpdateReportStatuses.TryParse(wire, out var parsed));
        Assert.Equal(status, parsed);
        Assert.Equal(wire, status.ToWire());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("installed")]
    [InlineData("INSTALLED ")]
    [InlineData("SUCCEEDED")]
    [InlineData("0")]
    public void Anything_else_is_not_a_status(string? wire)
    {
        Assert.False(UpdateReportStatuses.TryParse(wire, out _));
    }
}
