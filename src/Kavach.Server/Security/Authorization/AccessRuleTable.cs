using Kavach.Hosting.Composition;
using System.Collections.Frozen;
using Kavach.Hosting.Security.Options;

namespace Kavach.Server.Security.Authorization;

/// <summary>
/// The role table in force: <see cref="DefaultAccessRules"/> with the configured role sets and rules laid over it.
/// Built once at start-up; a rule naming an unknown role set stops the start (fail closed, loudly).
/// </summary>
public sealed class AccessRuleTable
{
    private readonly FrozenDictionary<string, AccessRule> _rules;

    /// <summary>Builds the table from the defaults and <paramref name="options"/>.</summary>
    public AccessRuleTable(AccessRulesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sets = new Dictionary<string, string>(DefaultAccessRules.RoleSets, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in options.RoleSets)
        {
            sets[name] = value ?? string.Empty;
        }

        var rules = new Dictionary<string, string>(DefaultAccessRules.Rules, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in options.Rules)
        {
            rules[name] = value ?? string.Empty;
        }

        _rules = rules.ToFrozenDictionary(
            pair => pair.Key.ToLowerInvariant(),
            pair => Parse(pair.Key.ToLowerInvariant(), pair.Value, sets),
            StringComparer.Ordinal);
    }

    /// <summary>Every rule, by name.</summary>
    public IReadOnlyDictionary<string, AccessRule> Rules => _rules;

    /// <summary>The rule named <paramref name="name"/>, or null (then the endpoint is refused).</summary>
    public AccessRule? Find(string name) => _rules.GetValueOrDefault(name);

    private static AccessRule Parse(string name, string value, Dictionary<string, string> sets)
    {
        var roles = new HashSet<string>(StringComparer.Ordinal);
        var any = false;
        Expand(value, sets, roles, ref any, [], name);
        return new AccessRule(name, roles.ToFrozenSet(StringComparer.Ordinal), any);
    }

    private static void Expand(string value, Dictionary<string, string> sets, HashSet<string> roles, ref bool any, HashSet<string> visiting, string rule)
    {
        foreach (var item in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (item == "*")
            {
                any = true;
            }
            else if (item.StartsWith('@'))
            {
                var set = item[1..];
                if (!sets.TryGetValue(set, out var members))
                {
                    throw new KavachConfigurationException("Kavach:Security:Authorization", $"rule '{rule}' names unknown role set '{set}'");
                }

                if (!visiting.Add(set.ToUpperInvariant()))
                {
                    throw new KavachConfigurationException("Kavach:Security:Authorization", $"role set '{set}' refers to itself");
                }

                Expand(members, sets, roles, ref any, visiting, rule);
                visiting.Remove(set.ToUpperInvariant());
            }
            else
            {
                roles.Add(item);
            }
        }
    }
}
