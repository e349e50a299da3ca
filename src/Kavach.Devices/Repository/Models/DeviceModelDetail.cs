namespace Kavach.Devices.Repository.Models;

/// <summary>MOSIP PMS <c>DeviceDetailDto</c>: an administrator's request to approve a make/model (each field at most 36 characters).</summary>
/// <param name="Id">The device detail id (letters, digits, <c>.</c>, <c>_</c>, <c>-</c>).</param>
/// <param name="DeviceProviderId">A registered DEVICE provider.</param>
/// <param name="DeviceTypeCode">Finger, Iris or Face.</param>
/// <param name="DeviceSubTypeCode">A sub-type valid for the type.</param>
/// <param name="Make">Make, as the digital id will carry it.</param>
/// <param name="Model">Model, as the digital id will carry it.</param>
public sealed record DeviceModelDetail(string? Id, string? DeviceProviderId, string? DeviceTypeCode, string? DeviceSubTypeCode, string? Make, string? Model);
