using System.Security.Cryptography;
using Kavach.Keys.Vault;

namespace Kavach.Testing.Keys;

/// <summary>
/// RSA-2048 keys generated once per test process and handed out round-robin as copies: a vault of one test gets
/// distinct keys for its first <see cref="Distinct"/> key pairs, and no test waits for more than that many generations.
/// EC keys are cheap and always fresh.
/// </summary>
public static class PregeneratedKeys
{
    /// <summary>How many distinct RSA keys there are.</summary>
    public const int Distinct = 8;

    private static readonly Lazy<RSAParameters>[] Rsa = [.. Enumerable.Range(0, Distinct).Select(_ => new Lazy<RSAParameters>(() =>
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportParameters(true);
    }))];

    /// <summary>A key source for <see cref="InMemoryKeyVault(Func{VaultKeyType, AsymmetricAlgorithm})"/>: each call the next key.</summary>
    public static Func<VaultKeyType, AsymmetricAlgorithm> Source()
    {
        var next = -1;
        return type => type == VaultKeyType.Rsa2048
            ? RSA.Create(Rsa[Interlocked.Increment(ref next) % Distinct].Value)
            : InMemoryKeyVault.Generate(type);
    }

    /// <summary>A copy of the <paramref name="index"/>th key (for keys a test makes outside the vault).</summary>
    public static RSA RsaKey(int index) => RSA.Create(Rsa[index % Distinct].Value);
}
