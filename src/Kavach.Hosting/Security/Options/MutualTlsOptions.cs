namespace Kavach.Hosting.Security.Options;

/// <summary>
/// Partner authentication by TLS client certificate (<c>Kavach:Security:Mtls</c>): HTTPS endpoints ask for (never
/// require) a certificate; one with a trust path in one of <see cref="Domains"/> authenticates as that partner.
/// </summary>
public sealed class MutualTlsOptions
{
    /// <summary>Ask TLS clients for a certificate.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Comma-separated partner domains whose trust store authenticates clients, tried in order.</summary>
    public string Domains { get; set; } = "AUTH";

    /// <summary>Comma-separated roles of a client authenticated by certificate.</summary>
    public string Roles { get; set; } = "PARTNER";

    /// <summary>The configured domains, upper case.</summary>
    public IReadOnlyList<string> DomainList() => Split(Domains).Select(d => d.ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The configured roles.</summary>
    public IReadOnlyList<string> RoleList() => Split(Roles);

    private static List<string> Split(string? value) =>
        (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
}
