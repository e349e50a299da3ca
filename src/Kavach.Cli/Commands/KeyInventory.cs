using Kavach.Keys.Inventory;
using Kavach.Keys.Policy;

namespace Kavach.Cli.Commands;

/// <summary>Every key of the database with its true state (<see cref="KeyStates"/>) and kind (<see cref="KeyKinds"/>).</summary>
internal static class KeyInventory
{
    /// <summary>Every key, by application id, reference id, then oldest first.</summary>
    public static async Task<IReadOnlyList<KeyRow>> ListAsync(CliKavach kavach, CancellationToken cancellationToken)
    {
        var policies = await kavach.Policies.GetAllAsync(cancellationToken);
        var now = kavach.Ring.Now;
        var revoked = await new RevokedKeys().RefreshAsync(kavach.AuditStore, cancellationToken);
        var rows = new List<KeyRow>();
        foreach (var alias in await kavach.Store.GetAllAliasesAsync(cancellationToken))
        {
            var pre = KeyValidity.PreExpireDays(alias.AppId, alias.RefId, policies.GetValueOrDefault);
            var state = KeyStates.Of(alias, now, revoked);
            rows.Add(new KeyRow(
                alias.AppId,
                alias.RefId,
                alias.Id,
                KeyKinds.Of(alias),
                DateTime.SpecifyKind(alias.GeneratedAt, DateTimeKind.Utc),
                DateTime.SpecifyKind(alias.ExpiresAt, DateTimeKind.Utc),
                alias.CertThumbprint,
                state,
                state == KeyStates.Active && KeyValidity.IsCurrent(alias, now, pre)));
        }

        return rows;
    }
}
