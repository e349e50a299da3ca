namespace Kavach.Devices.Repository.Providers;

/// <summary>An administrator's request to register a provider (<c>kavach devices providers add</c>).</summary>
/// <param name="ProviderId">The PMS partner id (1–36 characters: letters, digits, <c>.</c>, <c>_</c>, <c>-</c>).</param>
/// <param name="OrganizationName">The exact PMS organisation name (1–128 characters).</param>
/// <param name="Kind"><c>DEVICE</c> or <c>FTM</c>.</param>
/// <param name="CaCertificates">Optional PEM certificate or bundle (root first or not) uploaded into the kind's trust domain.</param>
public sealed record AddProviderRequest(string? ProviderId, string? OrganizationName, string? Kind, string? CaCertificates = null);
