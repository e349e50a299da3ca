using System.Security.Cryptography.X509Certificates;

namespace Kavach.Keys.Vault;

/// <summary>One revoked certificate in a <see cref="CrlToIssue"/>.</summary>
/// <param name="SerialNumber">The certificate's serial number, big-endian.</param>
/// <param name="RevokedAt">When it was revoked.</param>
/// <param name="Reason">The RFC 5280 reason code, or null for none.</param>
public sealed record CrlEntry(byte[] SerialNumber, DateTimeOffset RevokedAt, X509RevocationReason? Reason);
