using Kavach.Keys.Audit;
using Kavach.Server.Audit;

namespace Kavach.Server.Console;

/// <summary>The audit operations <c>GET /keys/usage</c> counts: every key use and key lifecycle operation, and key generations.</summary>
internal static class KeyUsageOperations
{
    /// <summary>The operation names.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        .. AuditOperationCatalog.All.Where(pair => pair.Value.Kind != AuditKind.None).Select(pair => pair.Value.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal),
        AuditScope.KeyGenerateOperation,
    ];
}
