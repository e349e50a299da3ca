namespace Kavach.Devices.Registry;

/// <summary>A page of the device registry, filtered; every filter is optional.</summary>
/// <param name="ProviderId">Only this provider's devices.</param>
/// <param name="State">Only devices in this state.</param>
/// <param name="RotationDue">Only devices whose rotation flag has this value.</param>
/// <param name="CheckedInBefore">Only devices whose last check-in is before this (or that never checked in): stale devices.</param>
/// <param name="AfterSerialNo">Keyset paging: serials after this one, in ordinal order.</param>
/// <param name="Limit">Page size (1–1000).</param>
public sealed record DeviceQuery(
    string? ProviderId = null,
    DeviceState? State = null,
    bool? RotationDue = null,
    DateTimeOffset? CheckedInBefore = null,
    string? AfterSerialNo = null,
    int Limit = 100);
