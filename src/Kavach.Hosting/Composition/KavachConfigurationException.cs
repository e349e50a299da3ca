namespace Kavach.Hosting.Composition;

/// <summary>
/// A setting that stops the start: the process exits non-zero with one line naming it. Only configuration faults
/// raise it; an unreachable database or HSM leaves a running, not-ready process that recovers by itself.
/// </summary>
public sealed class KavachConfigurationException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="setting"/> (e.g. <c>Kavach:Vault:Type</c>).</summary>
    public KavachConfigurationException(string setting, string problem, Exception? innerException = null)
        : base($"{setting}: {problem}", innerException)
    {
        Setting = setting;
    }

    /// <summary>Creates the exception.</summary>
    public KavachConfigurationException()
        : this("Kavach", "invalid configuration")
    {
    }

    /// <summary>Creates the exception.</summary>
    public KavachConfigurationException(string message)
        : this("Kavach", message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public KavachConfigurationException(string message, Exception? innerException)
        : this("Kavach", message, innerException)
    {
    }

    /// <summary>The configuration key at fault.</summary>
    public string Setting { get; }
}
