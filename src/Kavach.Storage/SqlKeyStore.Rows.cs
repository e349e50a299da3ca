using System.Data.Common;
using Kavach.Keys.Storage;

namespace Kavach.Storage;

/// <summary>The row mapping of the key tables (<c>key_alias</c>, <c>key_store</c>).</summary>
internal sealed partial class SqlKeyStore
{
    internal async Task<IReadOnlyList<KeyAlias>> ReadAliasesAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var aliases = new List<KeyAlias>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            aliases.Add(new KeyAlias(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? string.Empty : reader.GetString(2),
                ReadTimestamp(reader, 3) ?? MissingInstant,
                ReadTimestamp(reader, 4) ?? MissingInstant,
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return aliases;
    }

    internal static async Task<StoredKey?> ReadStoredKeyAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredKey(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
    }

    private static int ReadInt(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Convert.ToInt32(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
}
