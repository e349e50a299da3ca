namespace Kavach.Keys.Signatures;

/// <summary>The inputs of <c>/jwtSign</c>, <c>/jwsSign</c> and their <c>/v2</c> forms (MOSIP's JWT/JWS signature DTOs).</summary>
public sealed record SignRequest
{
    /// <summary>base64url payload.</summary>
    public required string DataToSign { get; init; }

    /// <summary>Application id; blank means KERNEL/SIGN.</summary>
    public string? ApplicationId { get; init; }

    /// <summary>Reference id.</summary>
    public string? ReferenceId { get; init; }

    /// <summary>Attached (true) or detached (false, the default) payload.</summary>
    public bool IncludePayload { get; init; }

    /// <summary>Add <c>x5c</c> with the signing certificate (v1) or its chain (v2).</summary>
    public bool IncludeCertificate { get; init; }

    /// <summary>Add <c>x5t#S256</c>.</summary>
    public bool IncludeCertHash { get; init; }

    /// <summary>Add <c>x5u</c>.</summary>
    public string? CertificateUrl { get; init; }

    /// <summary>jwsSign: the payload must be JSON.</summary>
    public bool ValidateJson { get; init; }

    /// <summary>jwsSign: true keeps the standard (b64=true) form; false (default) signs the raw payload (RFC 7797).</summary>
    public bool B64JwsHeaderParam { get; init; }

    /// <summary>jwsSign: RS256, PS256, ES256, ES256K or EdDSA; blank means the key's default.</summary>
    public string? SignAlgorithm { get; init; }

    /// <summary>v2: extra header members.</summary>
    public IReadOnlyDictionary<string, string>? AdditionalHeaders { get; init; }
}
