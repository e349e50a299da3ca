using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Kavach.Hosting.Configuration;
using Kavach.Testing;

namespace Kavach.Server.Tests.Configuration;

/// <summary>Every <c>Kavach__…</c> setting the README and the security, audit and TLS guides show names a real option.</summary>
public sealed partial class DocumentedSettingsTests
{
    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/security.md")]
    [InlineData("docs/audit.md")]
    [InlineData("docs/tls.md")]
    public void Documented_environment_settings_bind_to_options(string document)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), document));
        var settings = Setting().Matches(text).Select(m => m.Value.TrimEnd('_')).Distinct(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(settings);
        var unknown = settings.Where(s => !Binds(s)).ToList();
        Assert.True(unknown.Count == 0, $"{document} names settings that bind to nothing: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void The_README_shows_the_OIDC_settings_and_token_issue()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "README.md"));
        foreach (var required in new[]
        {
            "Kavach__Security__Jwt__Issuers__0__Authority=", "Kavach__Security__Jwt__Issuers__0__Issuer=",
            "Kavach__Security__Jwt__Issuers__0__Audiences__0=", "Kavach__Security__Jwt__Issuers__0__RoleClaims__0=",
            "token issue --sub",
        })
        {
            Assert.Contains(required, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("random admin token", text, StringComparison.OrdinalIgnoreCase);
    }

    private static bool Binds(string setting)
    {
        var parts = setting.Split("__");
        if (parts[0] != KavachOptions.Section)
        {
            return false;
        }

        var type = typeof(KavachOptions);
        foreach (var part in parts.Skip(1))
        {
            if (int.TryParse(part, out _))
            {
                if (ElementType(type) is not { } element)
                {
                    return false;
                }

                type = element;
                continue;
            }

            if (ElementType(type) is { } dictionaryValue && type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            {
                // A dictionary key (a rule or role-set name): anything goes.
                type = dictionaryValue;
                continue;
            }

            var property = type.GetProperty(part, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || !property.CanWrite)
            {
                return false;
            }

            type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        }

        return true;
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type) || !type.IsGenericType)
        {
            return null;
        }

        return type.GetGenericArguments()[^1];
    }

    [GeneratedRegex(@"Kavach__[A-Za-z0-9_]+")]
    private static partial Regex Setting();
}
