namespace Kavach.Hosting.Tokens;

/// <summary>A token minted by the local issuer.</summary>
/// <param name="Token">The compact JWS.</param>
/// <param name="ExpiresAt">Its <c>exp</c>, UTC.</param>
/// <param name="KeyId">Its <c>kid</c>: base64url SHA-256 of the signing certificate.</param>
public sealed record IssuedToken(string Token, DateTime ExpiresAt, string KeyId);
