using Kavach.Hosting.Composition;
using Kavach.Keys.Management;

namespace Kavach.Hosting.Security.Options;

/// <summary>Limits on implicit base-key creation per caller and application (<c>Kavach:Security:KeyCreation</c>).</summary>
public sealed class KeyCreationOptions
{
    /// <summary>New base keys one caller may create per minute for one application (a token bucket per process).</summary>
    public int PerMinute { get; set; } = KeyCreationLimits.Default.PerMinute;

    /// <summary>Base keys one caller may have created in all for one application (counted in the key store).</summary>
    public int Total { get; set; } = KeyCreationLimits.Default.Total;

    /// <summary>The limits, or an exception naming the setting when one is out of range.</summary>
    public KeyCreationLimits ToLimits()
    {
        if (PerMinute < 0)
        {
            throw new KavachConfigurationException("Kavach:Security:KeyCreation:PerMinute", "must be 0 or more");
        }

        if (Total < 0)
        {
            throw new KavachConfigurationException("Kavach:Security:KeyCreation:Total", "must be 0 or more");
        }

        return new KeyCreationLimits(PerMinute, Total);
    }
}
