using Kavach.Devices.Registry;

namespace Kavach.Devices.Repository.Whitelist;

/// <summary>A serial a batch names that the repository knows already.</summary>
/// <param name="SerialNo">The serial.</param>
/// <param name="RegisteredState">Its device's state when it is in the registry; null when it is not.</param>
/// <param name="InPendingBatch">Whether a Pending batch names it.</param>
public sealed record KnownSerial(string SerialNo, DeviceState? RegisteredState, bool InPendingBatch);
