namespace Kavach.Devices.Server.Admin;

/// <summary>The body of <c>POST /admin/providers/{id}/ca</c>: PEM (or base64 DER) CA certificates to add to the provider's domain.</summary>
/// <param name="CaCertificates">The certificates.</param>
public sealed record CaUploadBody(string? CaCertificates);
