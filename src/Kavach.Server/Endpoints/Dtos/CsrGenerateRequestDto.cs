namespace Kavach.Server.Endpoints.Dtos;

/// <summary>Request of <c>generateCSR</c>.</summary>
public sealed class CsrGenerateRequestDto
{
    /// <summary>Application id (required).</summary>
    public string? ApplicationId { get; set; }

    /// <summary>Reference id; <c>""</c> for master keys.</summary>
    public string? ReferenceId { get; set; }

    /// <summary>Subject CN.</summary>
    public string? CommonName { get; set; }

    /// <summary>Subject OU.</summary>
    public string? OrganizationUnit { get; set; }

    /// <summary>Subject O.</summary>
    public string? Organization { get; set; }

    /// <summary>Subject L.</summary>
    public string? Location { get; set; }

    /// <summary>Subject ST.</summary>
    public string? State { get; set; }

    /// <summary>Subject C.</summary>
    public string? Country { get; set; }
}
