using Kavach.Devices.Registry;

namespace Kavach.Devices.Repository.Whitelist;

/// <summary>
/// A registered device an approved batch brings back: the row becomes <paramref name="Device"/> (Whitelisted, the new
/// entry's digital id and FTM certificate, no management id, counters reset) if it is still in <paramref name="From"/>
/// at <paramref name="ExpectedVersion"/>, and any certificate of it still Active or Pending is revoked with
/// <paramref name="RevokeReason"/>.
/// </summary>
public sealed record DeviceReadmission(DeviceRecord Device, long ExpectedVersion, DeviceState From, string RevokeReason);
