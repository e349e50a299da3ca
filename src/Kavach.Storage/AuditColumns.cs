namespace Kavach.Storage;

/// <summary>Values of MOSIP's audit columns (<c>cr_by</c>, <c>upd_by</c>) written by the key store.</summary>
internal static class AuditColumns
{
    /// <summary>What MOSIP's key manager writes as the acting user for its own rows.</summary>
    internal const string SystemUser = "SYSTEM";
}
