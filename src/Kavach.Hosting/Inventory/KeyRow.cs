using Kavach.Keys.Inventory;

namespace Kavach.Hosting.Inventory;

/// <summary>One key of the inventory: <c>kavach keys list</c>, <c>kavach keys expiring</c> and the console's <c>GET /keys</c>.</summary>
/// <param name="AppId">Application id.</param>
/// <param name="RefId">Reference id (<c>""</c> for master keys).</param>
/// <param name="Alias">The key alias.</param>
/// <param name="Kind"><c>root</c>, <c>master</c>, <c>base</c>, <c>signing</c> or <c>symmetric</c>.</param>
/// <param name="GeneratedAt">Start of validity (UTC).</param>
/// <param name="ExpiresAt">End of validity (UTC).</param>
/// <param name="Thumbprint">SHA-256 of the certificate (hex); null for symmetric keys.</param>
/// <param name="State"><c>active</c>, <c>expired</c>, <c>revoked</c> or <c>not-yet-valid</c> (<see cref="KeyStates"/>).</param>
/// <param name="Current">The key new encryptions and signatures use (active and outside its pre-expiry window).</param>
public sealed record KeyRow(
    string AppId,
    string RefId,
    string Alias,
    string Kind,
    DateTime GeneratedAt,
    DateTime ExpiresAt,
    string? Thumbprint,
    string State,
    bool Current);
