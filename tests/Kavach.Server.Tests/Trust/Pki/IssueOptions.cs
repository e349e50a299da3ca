namespace Kavach.Server.Tests.Trust.Pki;

/// <summary>How <see cref="OpenSslCa.IssueAsync"/> makes a certificate.</summary>
public sealed record IssueOptions
{
    /// <summary>Start, in days from now (negative: in the past).</summary>
    public int StartDays { get; init; } = -1;

    /// <summary>Validity length in days.</summary>
    public int Days { get; init; } = 400;

    /// <summary>RSA key size.</summary>
    public int Bits { get; init; } = 2048;

    /// <summary>Signature digest (<c>sha256</c>, <c>sha1</c>, ...).</summary>
    public string Digest { get; init; } = "sha256";

    /// <summary>The extensions section (<c>v3_leaf</c>, <c>v3_ca</c>), or null for an X.509 v1 certificate.</summary>
    public string? Profile { get; init; } = "v3_leaf";
}
