using System.Diagnostics;

namespace Kavach.Vaults;

/// <summary>
/// Trace spans around the vault's private-key operations (<c>vault.decrypt</c>, <c>vault.sign</c>, <c>vault.issue</c>,
/// <c>vault.aes</c>), so a trace shows how long a request spent in the HSM. Plain <see cref="ActivitySource"/>: the host
/// decides whether anything listens (then one span costs an allocation; without a listener, one null check). Tags name
/// the vault kind only — never an alias, a key's bytes or the data.
/// </summary>
public static class VaultActivities
{
    /// <summary>The source name a host subscribes to.</summary>
    public const string SourceName = "Kavach.Vaults";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts a span for one vault operation, or returns null when no one listens.</summary>
    /// <param name="operation">A fixed operation name (<c>vault.decrypt</c>, …).</param>
    /// <param name="vaultKind">The vault implementation (<c>PKCS12</c>, <c>PKCS11</c>).</param>
    public static Activity? Start(string operation, string vaultKind)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(operation, ActivityKind.Internal);
        activity?.SetTag("kavach.vault.kind", vaultKind);
        return activity;
    }
}
