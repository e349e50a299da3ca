namespace Kavach.Devices.Updates;

/// <summary>Settings of signed updates (section <c>Kavach:Devices:Updates</c>).</summary>
public sealed class UpdateOptions
{
    /// <summary>The Release Root public key(s), base64url DER SubjectPublicKeyInfo: trust documents are accepted only when signed by <see cref="RootThreshold"/> of them. Required to publish.</summary>
    public IList<string> RootKeys { get; } = [];

    /// <summary>How many root keys must sign a trust document.</summary>
    public int RootThreshold { get; set; } = 1;

    /// <summary>Where artifact files are kept, named by SHA-256 (the host sets <c>&lt;data dir&gt;/device-updates/artifacts</c>).</summary>
    public string ArtifactDirectory { get; set; } = string.Empty;

    /// <summary>Largest artifact upload in bytes (default 512 MiB).</summary>
    public long MaxArtifactBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>The vault alias of the online timestamp key.</summary>
    public string TimestampKeyAlias { get; set; } = "KAVACH_UPDATE_TIMESTAMP";

    /// <summary>How long a timestamp is valid (spec: 24 h).</summary>
    public TimeSpan TimestampLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often timestamps are re-signed (spec: hourly).</summary>
    public TimeSpan TimestampRefreshInterval { get; set; } = TimeSpan.FromHours(1);
}
