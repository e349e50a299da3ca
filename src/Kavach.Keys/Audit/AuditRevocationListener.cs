using Kavach.Keys.Management;

namespace Kavach.Keys.Audit;

/// <summary>Puts a revocation into the audit record of the request that caused it (through the ambient scope).</summary>
public sealed class AuditRevocationListener : IKeyRevocationListener
{
    /// <inheritdoc />
    public void KeyRevoked(string aliasId) => AuditScope.KeyRevoked(aliasId);
}
