namespace Kavach.Keys.Certificates;

/// <summary>Subject attributes a caller may ask for; blank values fall back to <see cref="SubjectDefaults"/>.</summary>
public sealed record SubjectRequest(
    string? CommonName = null,
    string? OrganizationalUnit = null,
    string? Organization = null,
    string? Location = null,
    string? State = null,
    string? Country = null)
{
    /// <summary>No attributes requested.</summary>
    public static readonly SubjectRequest Empty = new();
}
