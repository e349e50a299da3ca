using Kavach.Keys.Audit;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Policy;
using Kavach.Keys.Storage;

namespace Kavach.Cli.Commands;

/// <summary>
/// Every key of the database with its true state. The <c>key_alias</c> table records only validity dates (MOSIP's
/// schema: a revocation moves the expiry to now), so a revoked key is told from an expired one by the audit trail,
/// whose revocation records name the alias (<c>revoked=&lt;alias&gt;</c>).
/// </summary>
internal static class KeyInventory
{
    private const int PageSize = 5000;
    private const string RevokedPrefix = "revoked=";

    /// <summary>Every key, by application id, reference id, then oldest first.</summary>
    public static async Task<IReadOnlyList<KeyRow>> ListAsync(CliKavach kavach, CancellationToken cancellationToken)
    {
        var policies = await kavach.Policies.GetAllAsync(cancellationToken);
        var now = kavach.Ring.Now;
        var revoked = kavach.Options.Audit.Enabled ? await RevokedAliasesAsync(kavach.AuditStore, cancellationToken) : [];
        var rows = new List<KeyRow>();
        foreach (var alias in await kavach.Store.GetAllAliasesAsync(cancellationToken))
        {
            var pre = KeyValidity.PreExpireDays(alias.AppId, alias.RefId, policies.GetValueOrDefault);
            var state = revoked.Contains(alias.Id) ? KeyStates.Revoked
                : now < alias.GeneratedAt ? KeyStates.NotYetValid
                : KeyValidity.IsUnexpired(alias, now) ? KeyStates.Active
                : KeyStates.Expired;
            rows.Add(new KeyRow(
                alias.AppId,
                alias.RefId,
                alias.Id,
                Kind(alias),
                DateTime.SpecifyKind(alias.GeneratedAt, DateTimeKind.Utc),
                DateTime.SpecifyKind(alias.ExpiresAt, DateTimeKind.Utc),
                alias.CertThumbprint,
                state,
                state == KeyStates.Active && KeyValidity.IsCurrent(alias, now, pre)));
        }

        return rows;
    }

    /// <summary>What a key is in the hierarchy.</summary>
    internal static string Kind(KeyAlias alias) =>
        alias.AppId == KeyIds.Root ? "root"
        : alias.CertThumbprint is null ? "symmetric"
        : alias.RefId == KeyIds.Sign || KeyIds.IsEcSignReference(alias.RefId) ? "signing"
        : alias.RefId.Length == 0 ? "master"
        : "base";

    private static async Task<HashSet<string>> RevokedAliasesAsync(IAuditStore store, CancellationToken cancellationToken)
    {
        var revoked = new HashSet<string>(StringComparer.Ordinal);
        var next = 1L;
        while (true)
        {
            var page = await store.ReadAuditRecordsAsync(next, long.MaxValue, PageSize, cancellationToken);
            foreach (var record in page)
            {
                if (record.Entry.Detail is not { } detail || !detail.Contains(RevokedPrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (var pair in detail.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (pair.StartsWith(RevokedPrefix, StringComparison.Ordinal))
                    {
                        revoked.Add(pair[RevokedPrefix.Length..]);
                    }
                }
            }

            if (page.Count < PageSize || page[^1].Seq == long.MaxValue)
            {
                return revoked;
            }

            next = page[^1].Seq + 1;
        }
    }
}
