using System.Security.Cryptography.X509Certificates;

namespace Kavach.Devices.Authority;

/// <summary>
/// The device server's own message keys (spec §4.1), held in the vault: the signing key of every downlink JWS and
/// signed time (its certificate cannot issue), and the encryption key(s) uplink JWEs are sent to, by <c>kid</c>, two
/// valid during a rollover.
/// </summary>
public interface IDeviceServerKeys
{
    /// <summary>The <c>kid</c> devices encrypt to now, with its certificate.</summary>
    ValueTask<(string Kid, X509Certificate2 Certificate)> GetEncryptionKeyAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Unwraps a JWE content-encryption key with RSA-OAEP-256 under the key named <paramref name="kid"/>; null when the
    /// kid is unknown or retired or the unwrap fails (one generic failure, no oracle).
    /// </summary>
    ValueTask<byte[]?> UnwrapContentKeyAsync(string kid, ReadOnlyMemory<byte> encryptedKey, CancellationToken cancellationToken);

    /// <summary>Signs <paramref name="signingInput"/> with RS256 under the current server signing key.</summary>
    ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signingInput, CancellationToken cancellationToken);

    /// <summary>The signing certificate first, then its issuers up to (excluding) the root devices pin: the JWS <c>x5c</c>.</summary>
    ValueTask<IReadOnlyList<X509Certificate2>> GetSigningChainAsync(CancellationToken cancellationToken);
}
