namespace Kavach.Devices.Repository.Providers;

/// <summary>A device or FTM provider (table <c>device_provider</c>); its CA chain is in the trust store under its kind's domain.</summary>
/// <param name="ProviderId">Its PMS partner id (at most 36 characters); the digital id's <c>deviceProviderId</c>.</param>
/// <param name="OrganizationName">The exact PMS organisation name: device certificates carry it as <c>O</c>, and factory certificates must.</param>
/// <param name="Kind">Device or FTM.</param>
/// <param name="IsActive">False once deactivated: its batches are refused.</param>
/// <param name="CreatedBy">The administrator who registered it.</param>
/// <param name="CreatedAt">When.</param>
public sealed record DeviceProviderRecord(
    string ProviderId,
    string OrganizationName,
    DeviceProviderKind Kind,
    bool IsActive,
    string CreatedBy,
    DateTimeOffset CreatedAt);
