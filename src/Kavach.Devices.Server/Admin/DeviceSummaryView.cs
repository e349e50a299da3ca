using Kavach.Devices.Registry;

namespace Kavach.Devices.Server.Admin;

/// <summary>
/// <c>GET /admin/devices/summary</c>: the registry counted in the database. <paramref name="ByState"/> names every
/// state (zero included), so a console draws the same columns whatever the fleet.
/// </summary>
public sealed record DeviceSummaryView(long Total, IReadOnlyDictionary<string, long> ByState, IReadOnlyList<DeviceGroupView> Groups)
{
    /// <summary>The summary of the store's grouped counts.</summary>
    public static DeviceSummaryView Of(IReadOnlyList<DeviceGroupCount> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var byState = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var state in Enum.GetValues<DeviceState>())
        {
            byState[state.ToString()] = 0;
        }

        foreach (var group in groups)
        {
            byState[group.State.ToString()] += group.Count;
        }

        return new(
            groups.Sum(static g => g.Count),
            byState,
            [.. groups.Select(static g => new DeviceGroupView(g.ProviderId, g.Make, g.Model, g.State.ToString(), g.Count))]);
    }
}
