using System.CommandLine;
using System.Globalization;
using Kavach.Hosting.Security;

namespace Kavach.Cli.Commands;

/// <summary><c>kavach token issue</c>: mints a local-issuer token for an operator or a script (the token alone on standard output).</summary>
public static class TokenCommand
{
    /// <summary>Creates the command group.</summary>
    public static Command Create(CliConsole console)
    {
        var subject = new Option<string>("--sub") { Description = "Subject and user name of the token (matched against key_policy_def.access_allowed)", Required = true };
        var roles = new Option<string?>("--roles") { Description = "Comma-separated roles, e.g. KEY_MANAGER_ADMIN,GLOBAL_ADMIN (unknown roles are refused)" };
        var ttl = new Option<string>("--ttl") { Description = "Lifetime: 90s, 30m, 1h, 7d or hh:mm:ss (default 1h; at most Kavach:Security:LocalIssuer:MaxLifetime, 30 days unless configured)", DefaultValueFactory = _ => "1h" };
        var issue = new Command("issue", "Mint a token signed by the local issuer; prints the token alone") { subject, roles, ttl };
        issue.SetAction((parse, ct) => CliActions.RunAsync(console, async () =>
        {
            var lifetime = ParseLifetime(parse.GetValue(ttl)!);
            var roleList = (parse.GetValue(roles) ?? string.Empty)
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .ToList();
            await using var kavach = await CliKavach.OpenExistingAsync(parse, ct);
            RequireKnownRoles(roleList, KnownRoles.InForce(kavach.Options.Security));
            var sub = parse.GetValue(subject)!;
            await using var audit = await CliAudit.BeginAsync(
                kavach,
                "token.issue",
                string.Create(CultureInfo.InvariantCulture, $"sub={Safe(sub)} roles={Safe(string.Join(',', roleList))} ttl={(long)lifetime.TotalSeconds}s"),
                ct);
            var token = await kavach.Tokens.IssueAsync(sub, roleList, lifetime, ct);

            // Recorded before the token is shown: a token nobody can account for never leaves.
            await audit.CompleteAsync(token, detail: null, ct);
            if (!token.IsSuccess)
            {
                throw new CliFailureException($"{token.Error.Code} {token.Error.Message}");
            }

            await console.Out.WriteLineAsync(token.Value.Token);
        }));

        var command = new Command("token", "Tokens of the local issuer");
        command.Subcommands.Add(issue);
        return command;
    }

    /// <summary>
    /// Refuses a role the server would never grant anything to (a typo mints a useless token that fails later with a
    /// 403): the roles known are the default table's and those the configuration names.
    /// </summary>
    internal static void RequireKnownRoles(IReadOnlyList<string> roles, IReadOnlySet<string> known)
    {
        var unknown = roles.Where(role => !known.Contains(role)).ToList();
        if (unknown.Count > 0)
        {
            throw new CliFailureException(
                $"unknown role{(unknown.Count == 1 ? string.Empty : "s")} {string.Join(", ", unknown.Select(r => $"'{r}'"))}; " +
                $"known roles: {string.Join(", ", known.Order(StringComparer.Ordinal))} (more come from Kavach:Security:Authorization and ApplicationBindings)");
        }
    }

    // The detail field is space-separated name=value pairs: a value may not add pairs of its own.
    private static string Safe(string value) => string.Concat(value.Select(c => char.IsWhiteSpace(c) || c == '=' ? '_' : c));

    /// <summary>Parses <c>90s</c>, <c>30m</c>, <c>1h</c>, <c>7d</c> or a <see cref="TimeSpan"/> such as <c>01:30:00</c>.</summary>
    public static TimeSpan ParseLifetime(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (text.Length > 1 && long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount is > 0 and < 100_000)
        {
            switch (char.ToLowerInvariant(text[^1]))
            {
                case 's': return TimeSpan.FromSeconds(amount);
                case 'm': return TimeSpan.FromMinutes(amount);
                case 'h': return TimeSpan.FromHours(amount);
                case 'd': return TimeSpan.FromDays(amount);
            }
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero)
        {
            return span;
        }

        throw new CliFailureException($"--ttl '{text}' is not a lifetime: write a positive number with s, m, h or d (90s, 30m, 1h, 7d), or hh:mm:ss");
    }
}
