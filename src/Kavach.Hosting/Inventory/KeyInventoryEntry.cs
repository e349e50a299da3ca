namespace Kavach.Hosting.Inventory;

/// <summary>A key of the inventory with what the database holds about its certificate.</summary>
/// <param name="Row">The key as <c>kavach keys list</c> shows it.</param>
/// <param name="IssuerAlias">The module key that wraps a database-held key and issued its certificate; null for keys held by the vault.</param>
/// <param name="CertificatePem">The certificate of a database-held key; null for keys held by the vault (ROOT, module keys) and symmetric keys.</param>
/// <param name="InVault">True when the private key lives in the vault (HSM or PKCS#12 file), not wrapped in the database.</param>
public sealed record KeyInventoryEntry(KeyRow Row, string? IssuerAlias, string? CertificatePem, bool InVault);
