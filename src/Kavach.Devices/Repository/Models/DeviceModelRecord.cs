namespace Kavach.Devices.Repository.Models;

/// <summary>
/// An approved device make/model (table <c>device_model</c>) with MOSIP PMS <c>DeviceDetailDto</c>'s fields, each at
/// most 36 characters; only active models admit whitelist entries.
/// </summary>
/// <param name="Id">The PMS device detail id.</param>
/// <param name="DeviceProviderId">The provider that makes it.</param>
/// <param name="DeviceTypeCode">Finger, Iris or Face.</param>
/// <param name="DeviceSubTypeCode">Finger: Slap, Single or Touchless; Iris: Single or Double; Face: Full face.</param>
/// <param name="Make">Digital-id make.</param>
/// <param name="Model">Digital-id model.</param>
/// <param name="IsActive">False once deactivated.</param>
/// <param name="UpdatedBy">The administrator who approved or last changed it.</param>
/// <param name="UpdatedAt">When.</param>
public sealed record DeviceModelRecord(
    string Id,
    string DeviceProviderId,
    string DeviceTypeCode,
    string DeviceSubTypeCode,
    string Make,
    string Model,
    bool IsActive,
    string UpdatedBy,
    DateTimeOffset UpdatedAt);
