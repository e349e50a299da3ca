using System.Text.Json;

namespace Kavach.Hosting.Tokens;

/// <summary>Reads the subject, user name and roles from a verified token's payload.</summary>
internal static class TokenClaims
{
    private const int MaxRoles = 256;
    private const int MaxClaimLength = 256;

    /// <summary>Roles found under each of <paramref name="paths"/> (dots walk into objects): arrays of strings, or one string of space- or comma-separated names.</summary>
    public static List<string> Roles(JsonElement payload, IReadOnlyList<string> paths)
    {
        var roles = new List<string>();
        foreach (var path in paths)
        {
            var element = payload;
            var found = true;
            foreach (var part in path.Split('.'))
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element))
                {
                    found = false;
                    break;
                }
            }

            if (!found)
            {
                continue;
            }

            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        Add(roles, item.GetString());
                    }
                }
            }
            else if (element.ValueKind == JsonValueKind.String)
            {
                foreach (var item in element.GetString()!.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
                {
                    Add(roles, item);
                }
            }
        }

        return roles;
    }

    /// <summary>A string claim of at most 256 characters, or null.</summary>
    public static string? String(JsonElement payload, string name) =>
        payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String &&
        value.GetString() is { Length: > 0 and <= MaxClaimLength } text
            ? text
            : null;

    private static void Add(List<string> roles, string? role)
    {
        if (roles.Count < MaxRoles && role is { Length: > 0 and <= MaxClaimLength })
        {
            roles.Add(role.Trim());
        }
    }
}
