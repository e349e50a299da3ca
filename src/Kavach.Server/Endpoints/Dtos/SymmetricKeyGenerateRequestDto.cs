namespace Kavach.Server.Endpoints.Dtos;

/// <summary>Request of <c>generateSymmetricKey</c>.</summary>
public sealed class SymmetricKeyGenerateRequestDto
{
    /// <summary>Application id (required).</summary>
    public string? ApplicationId { get; set; }

    /// <summary>Reference id (required).</summary>
    public string? ReferenceId { get; set; }

    /// <summary>Expire the current key and make a new one (absent means false; MOSIP fails with HTTP 500).</summary>
    public bool? Force { get; set; }
}
