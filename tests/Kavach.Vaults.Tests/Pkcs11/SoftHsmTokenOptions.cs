using Kavach.Testing;

namespace Kavach.Vaults.Tests.Pkcs11;

/// <summary>Vault options for a test token (the shared <see cref="SoftHsmToken"/> knows nothing of the vault).</summary>
internal static class SoftHsmTokenOptions
{
    /// <summary>Vault options for <paramref name="token"/>, PIN from its file.</summary>
    public static Pkcs11VaultOptions Options(this SoftHsmToken token, int maxSessions = 8) =>
        new(token.Library, token.Label) { PinFile = token.PinFile, MaxSessions = maxSessions, MaxReconnectDelay = TimeSpan.FromMilliseconds(500) };
}
