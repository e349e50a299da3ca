namespace Kavach.Devices.Updates.Verification;

/// <summary>
/// <c>trust.json</c>: which keys may sign releases and timestamps, until when. Signed by the Release Root, whose public
/// key the device ships; a new one is accepted only with <see cref="Version"/> + 1.
/// </summary>
/// <param name="Version">Starts at 1; each rotation adds exactly 1.</param>
/// <param name="Expires">After this (trusted) time the document, and everything that depends on it, is refused.</param>
/// <param name="ReleaseKeys">Base64url DER SubjectPublicKeyInfo of each RSA key trusted to sign release manifests.</param>
/// <param name="TimestampKeys">Base64url DER SubjectPublicKeyInfo of each RSA key trusted to sign timestamps (disjoint from the release keys).</param>
/// <param name="Threshold">How many distinct release keys must sign one release manifest.</param>
public sealed record TrustDocument(
    long Version,
    DateTimeOffset Expires,
    IReadOnlyList<string> ReleaseKeys,
    IReadOnlyList<string> TimestampKeys,
    int Threshold);
