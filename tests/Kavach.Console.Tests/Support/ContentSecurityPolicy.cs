namespace Kavach.Console.Tests.Support;

/// <summary>Reads a Content-Security-Policy header: the sources a directive allows, falling back to default-src.</summary>
internal static class ContentSecurityPolicy
{
    /// <summary>The sources of <paramref name="directive"/> (or default-src when it is absent); null when neither is set.</summary>
    public static IReadOnlyList<string>? Sources(string header, string directive)
    {
        var directives = header.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length > 0)
            .GroupBy(parts => parts[0].ToLowerInvariant())
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.First().Skip(1).ToList());
        return directives.GetValueOrDefault(directive) ?? directives.GetValueOrDefault("default-src");
    }

    /// <summary>
    /// Fails unless scripts may come only from the page's own origin: <c>'self'</c> present, no <c>'unsafe-inline'</c>,
    /// no <c>'unsafe-eval'</c>, no host, scheme or wildcard source (nonces and hashes would be acceptable, none needed).
    /// </summary>
    public static void AssertScriptsSelfOnly(string header)
    {
        var sources = Sources(header, "script-src");
        Assert.True(sources is not null, $"no script-src nor default-src in: {header}");
        Assert.Contains("'self'", sources);
        var foreign = sources.Where(s => s != "'self'" && !s.StartsWith("'nonce-", StringComparison.Ordinal) && !s.StartsWith("'sha256-", StringComparison.Ordinal)).ToList();
        Assert.True(foreign.Count == 0, $"script-src allows more than the console's own scripts: {string.Join(' ', foreign)} (header: {header})");
    }
}
