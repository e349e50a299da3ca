namespace Kavach.Server.Configuration;

/// <summary>Key vault settings: <c>Pkcs12</c> (default, a file in the data directory).</summary>
public sealed class VaultOptions
{
    /// <summary><c>Pkcs12</c>.</summary>
    public string Type { get; set; } = "Pkcs12";
}
