namespace Kavach.Crypto.Tests.Jose;

/// <summary>One JWS for jwcrypto to verify; with <c>Payload</c> set it is checked as detached (or with the payload replaced).</summary>
internal sealed record JwsCheck(string PublicPem, string Token, byte[]? Payload = null, bool B64 = true);
