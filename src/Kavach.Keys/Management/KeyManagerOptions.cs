using Kavach.Keys.Certificates;

namespace Kavach.Keys.Management;

/// <summary>Key manager settings (configuration section <c>Kavach:KeyManager</c>).</summary>
public sealed class KeyManagerOptions
{
    /// <summary>Default certificate subject attributes.</summary>
    public SubjectDefaults Subject { get; set; } = new();

    /// <summary>PBKDF2 iterations of PIN encryption (<c>mosip.kernel.crypto.hash-iteration</c>); must match the deployment's.</summary>
    public int PinHashIterations { get; set; } = 100_000;

    /// <summary>Prefix of JWS <c>kid</c>s (<c>mosip.kernel.keymanager.signature.kid.prepend</c>): "", a text, or <c>PAYLOAD_ISSUER</c>.</summary>
    public string KeyIdPrefix { get; set; } = string.Empty;

    /// <summary>How many unwrapped database-held private keys are kept in memory (least recently used evicted).</summary>
    public int PrivateKeyCacheSize { get; set; } = 10_000;

    /// <summary>
    /// Applications whose master keys are made at first start besides every key-policy row (BASE excepted);
    /// entries are <c>APP</c> or <c>APP:REF</c>. KERNEL:SIGN is always made.
    /// </summary>
    public IList<string> StartupKeys { get; } = new List<string> { "KERNEL:SIGN" };

    /// <summary>AES-256 keys made in the vault at first start: <c>KERNEL:IDENTITY_CACHE</c>, the zero-knowledge master key.</summary>
    public IList<string> SymmetricStartupKeys { get; } = new List<string> { "KERNEL:IDENTITY_CACHE" };
}
