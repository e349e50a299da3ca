using System.Data.Common;
using System.Globalization;
using Kavach.Keys.Storage;
using Kavach.Storage.Inventory;

namespace Kavach.Storage;

/// <summary>The key inventory's counts and pages (<see cref="IKeyInventoryStore"/>), computed by the database.</summary>
internal sealed partial class SqlKeyStore : IKeyInventoryStore
{
    private KeyInventorySql? inventorySql;

    private KeyInventorySql InventoryStatements => inventorySql ??= new KeyInventorySql(Sql.TablePrefix, Dialect.BinaryCollation);

    /// <inheritdoc />
    public Task<IReadOnlyList<KeyGroupCount>> CountKeysByApplicationAsync(KeyStateClock clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return RunStatementAsync(
            InventoryStatements.CountGroups(clock.Revoked.Count, byReference: false),
            command => BindClock(command, clock),
            ReadGroupsAsync,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<KeyGroupCount>> CountKeysByReferenceAsync(string appId, KeyStateClock clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appId);
        ArgumentNullException.ThrowIfNull(clock);
        return RunStatementAsync(
            InventoryStatements.CountGroups(clock.Revoked.Count, byReference: true),
            command =>
            {
                BindClock(command, clock);
                AddParameter(command, "@app_id", appId);
            },
            ReadGroupsAsync,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<KeyAliasDetail>> ListKeysAsync(KeyAliasQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        var sql = InventoryStatements.ListKeys(
            query.Clock.Revoked.Count, query.AppId is not null, query.RefId is not null, query.State, query.ExpiresBy is not null, query.After is not null);
        return RunStatementAsync(
            sql,
            command =>
            {
                BindClock(command, query.Clock);
                if (query.AppId is not null)
                {
                    AddParameter(command, "@app_id", query.AppId);
                }

                if (query.RefId is not null)
                {
                    AddParameter(command, "@ref_id", query.RefId);
                }

                if (query.ExpiresBy is { } by)
                {
                    AddTimestamp(command, "@expires_by", by);
                }

                if (query.After is { } after)
                {
                    AddParameter(command, "@after_id", after.Id);
                    if (query.ExpiresBy is not null)
                    {
                        AddTimestamp(command, "@after_expire", after.ExpiresAt);
                    }
                    else
                    {
                        AddParameter(command, "@after_app", after.AppId);
                        AddParameter(command, "@after_ref", after.RefId);
                        AddTimestamp(command, "@after_gen", after.GeneratedAt);
                    }
                }

                AddParameter(command, "@limit", query.Limit);
            },
            ReadKeyDetailsAsync,
            cancellationToken);
    }

    private void BindClock(DbCommand command, KeyStateClock clock)
    {
        AddTimestamp(command, "@now", clock.Now);
        var i = 0;
        foreach (var alias in clock.Revoked)
        {
            AddParameter(command, KeyInventorySql.RevokedParameter(i++), alias);
        }
    }

    private async Task<IReadOnlyList<KeyGroupCount>> ReadGroupsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<KeyGroupCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new KeyGroupCount(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                Long(reader, 2),
                Long(reader, 3),
                Long(reader, 4),
                Long(reader, 5),
                Long(reader, 6),
                ReadTimestamp(reader, 7),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return rows;
    }

    private async Task<IReadOnlyList<KeyAliasDetail>> ReadKeyDetailsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<KeyAliasDetail>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var alias = new KeyAlias(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? string.Empty : reader.GetString(2),
                ReadTimestamp(reader, 3) ?? MissingInstant,
                ReadTimestamp(reader, 4) ?? MissingInstant,
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6));
            rows.Add(new KeyAliasDetail(alias, reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return rows;
    }

    private static long Long(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
