using Microsoft.Extensions.Options;

namespace Kavach.Server.Logging;

/// <summary>
/// Keeps request paths, and the identifiers in them (<c>/tokenid/{uin}/{partnerCode}</c>, certificate ids), out of
/// the logs at every configured level. ASP.NET Core's own loggers write the path: hosting's "Request starting/finished"
/// lines (Information), routing's candidate and match lines (Debug), minimal-API parameter binding failures with the
/// value (Debug), Kestrel's bad-request lines with the request target (Debug), the rewriter's and static files' rule
/// lines (Debug; Swagger UI uses both). Their categories are held at <see cref="LogLevel.Warning"/> (where none of them
/// writes a path) for every provider, whatever the configuration says.
/// </summary>
/// <remarks>
/// A post-configuration, so it runs after the <c>Logging</c> section is applied: configured rules for these categories
/// (or longer ones below them) are dropped, and one rule per provider named anywhere in the configuration is appended.
/// Provider rules beat provider-less ones in Microsoft.Extensions.Logging, so <c>Logging:Console:LogLevel:Default=Trace</c>
/// cannot lift them either.
/// </remarks>
internal sealed class RequestPathLogGuard : IPostConfigureOptions<LoggerFilterOptions>
{
    /// <summary>The categories that log request paths or route values below <see cref="Floor"/>.</summary>
    internal static readonly IReadOnlyList<string> Categories =
    [
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Http",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.HttpLogging",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.Rewrite",
        "Microsoft.AspNetCore.StaticFiles",
    ];

    /// <summary>The lowest level these categories may log at.</summary>
    internal const LogLevel Floor = LogLevel.Warning;

    /// <inheritdoc />
    public void PostConfigure(string? name, LoggerFilterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var providers = options.Rules.Select(r => r.ProviderName).Where(p => p is not null).Distinct(StringComparer.Ordinal).ToList();
        foreach (var rule in options.Rules.Where(r => r.CategoryName is { } category && Categories.Any(guarded => Covers(guarded, category))).ToList())
        {
            options.Rules.Remove(rule);
        }

        foreach (var category in Categories)
        {
            options.Rules.Add(new LoggerFilterRule(null, category, Floor, null));
            foreach (var provider in providers)
            {
                options.Rules.Add(new LoggerFilterRule(provider, category, Floor, null));
            }
        }
    }

    // True when a configured rule for `category` would be at least as specific as ours for `guarded` (a wildcard counts as a prefix).
    private static bool Covers(string guarded, string category)
    {
        var prefix = category.Split('*', 2)[0];
        return prefix.StartsWith(guarded, StringComparison.OrdinalIgnoreCase);
    }
}
