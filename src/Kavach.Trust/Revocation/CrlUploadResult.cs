namespace Kavach.Trust.Revocation;

/// <summary>What an accepted CRL upload stored.</summary>
/// <param name="Issuer">The issuing CA, MOSIP DN form.</param>
/// <param name="ThisUpdate">thisUpdate, UTC.</param>
/// <param name="NextUpdate">nextUpdate, UTC, when present.</param>
/// <param name="RevokedCount">How many certificates the CRL lists.</param>
/// <param name="Domains">The domains whose trust it changed.</param>
public sealed record CrlUploadResult(string Issuer, DateTime ThisUpdate, DateTime? NextUpdate, int RevokedCount, IReadOnlyList<string> Domains);
