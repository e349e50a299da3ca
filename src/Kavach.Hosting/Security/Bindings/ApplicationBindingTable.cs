using Kavach.Hosting.Composition;
using Kavach.Keys.Access;
using Kavach.Hosting.Security.Options;

namespace Kavach.Hosting.Security.Bindings;

/// <summary>Builds the <see cref="ApplicationBindings"/> in force: <see cref="DefaultApplicationBindings"/> with the configured entries laid over them.</summary>
public static class ApplicationBindingTable
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Kavach:Security:ApplicationBindings";

    /// <summary>Builds the bindings; a malformed entry throws <see cref="KavachConfigurationException"/> naming the setting (the start stops).</summary>
    public static ApplicationBindings Build(ApplicationBindingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            return ApplicationBindings.Create(
                Merge(DefaultApplicationBindings.Roles, options.Roles),
                Merge(new Dictionary<string, string>(), options.Clients),
                Merge(DefaultApplicationBindings.KeyCreationRoles, options.KeyCreationRoles),
                Merge(new Dictionary<string, string>(), options.KeyCreationClients));
        }
        catch (ArgumentException e)
        {
            // The message starts with the entry at fault ("Roles:RESIDENT names ..."): it completes the setting's name.
            var parts = e.Message.Split(' ', 2);
            throw parts.Length == 2
                ? new KavachConfigurationException($"{Section}:{parts[0]}", parts[1], e)
                : new KavachConfigurationException(Section, e.Message, e);
        }
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> defaults, Dictionary<string, string> overrides)
    {
        var merged = new Dictionary<string, string>(defaults, StringComparer.Ordinal);
        foreach (var (key, value) in overrides)
        {
            merged[key] = value ?? string.Empty;
        }

        return merged;
    }
}
