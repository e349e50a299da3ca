namespace Kavach.Gateway.Configuration;

/// <summary>The gateway's settings as configured (section <c>Kavach:Gateway</c>); <see cref="GatewaySettings"/> validates them.</summary>
public sealed class GatewayOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Kavach:Gateway";

    /// <summary>The protected service's base URL (required), e.g. <c>http://127.0.0.1:8090</c>.</summary>
    public string? Backend { get; set; }

    /// <summary>Our application id (required): whose <c>SIGN</c> key signs responses and whose base key partners encrypt to.</summary>
    public string? ApplicationId { get; set; }

    /// <summary>The wire profile partners speak: <c>mosip</c> or <c>kavach</c> (default).</summary>
    public string? Profile { get; set; } = "kavach";

    /// <summary>The reference id of our encryption (base) key.</summary>
    public string? EncryptionReferenceId { get; set; } = "PARTNER";

    /// <summary>The largest request body accepted (bytes); larger ones get 413 <c>KER-PCH-002</c>.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;
}
