using Kavach.Keys.Certificates;

namespace Kavach.Keys.Management;

/// <summary>Key manager settings (configuration section <c>Kavach:KeyManager</c>).</summary>
public sealed class KeyManagerOptions
{
    /// <summary>Default certificate subject attributes.</summary>
    public SubjectDefaults Subject { get; set; } = new();

    /// <summary>How many unwrapped database-held private keys are kept in memory (least recently used evicted).</summary>
    public int PrivateKeyCacheSize { get; set; } = 10_000;

    /// <summary>
    /// Applications whose master keys are made at first start besides every key-policy row (BASE excepted);
    /// entries are <c>APP</c> or <c>APP:REF</c>. KERNEL:SIGN is always made.
    /// </summary>
    public IList<string> StartupKeys { get; } = new List<string> { "KERNEL:SIGN" };
}
