using System.Data.Common;
using Kavach.Keys.ZeroKnowledge;

namespace Kavach.Storage;

/// <summary>The zero-knowledge key pool (<c>data_encrypt_keystore</c>) on the same connections as the key store.</summary>
internal sealed partial class SqlKeyStore : IZkKeyPoolStore
{
    private const string ActiveStatus = "Active";
    private const int BatchSize = 500;

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> GetActiveKeyIdsAsync(CancellationToken cancellationToken) =>
        RunStatementAsync(
            $"SELECT id FROM {Sql.TablePrefix}data_encrypt_keystore WHERE key_status = @status ORDER BY id",
            static command => AddParameter(command, "@status", ActiveStatus),
            static async (command, ct) =>
            {
                var ids = new List<long>();
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    ids.Add(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
                }

                return (IReadOnlyList<long>)ids;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<string?> GetWrappedKeyAsync(long id, CancellationToken cancellationToken) =>
        RunStatementAsync(
            $"SELECT key FROM {Sql.TablePrefix}data_encrypt_keystore WHERE id = @id",
            command => AddParameter(command, "@id", id),
            static async (command, ct) => await command.ExecuteScalarAsync(ct) as string,
            cancellationToken);

    /// <inheritdoc />
    public async Task<int> InsertKeysAsync(IReadOnlyList<(long Id, string WrappedKey)> keys, CancellationToken cancellationToken) =>
        (await InsertKeysAtAsync(keys, "SYSTEM", cancellationToken)).Count;

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> InsertKeysAtAsync(IReadOnlyList<(long Id, string WrappedKey)> keys, string createdBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);

        // The pool is written under a lock of its own, so two replicas filling it at once skip each other's rows.
        await using var scope = (SqlWriteScope)await BeginWriteAsync("KERNEL", "#ZK_KEY_POOL", cancellationToken);
        var now = Now();
        var inserted = new List<long>();

        // Multi-row statements: one round trip per batch instead of per key (10,000 keys at first start). RETURNING
        // names the rows written (SQLite 3.35+ and PostgreSQL alike), so a caller learns which indexes existed.
        foreach (var batch in keys.Chunk(BatchSize))
        {
            var values = string.Join(", ", Enumerable.Range(0, batch.Length).Select(i => $"(@id{i}, @key{i}, @status, @by, @now)"));
            inserted.AddRange(await scope.RunAsync(
                $"INSERT INTO {Sql.TablePrefix}data_encrypt_keystore (id, key, key_status, cr_by, cr_dtimes) VALUES {values} ON CONFLICT (id) DO NOTHING RETURNING id",
                command =>
                {
                    for (var i = 0; i < batch.Length; i++)
                    {
                        AddParameter(command, $"@id{i}", batch[i].Id);
                        AddParameter(command, $"@key{i}", batch[i].WrappedKey);
                    }

                    AddParameter(command, "@status", ActiveStatus);
                    AddParameter(command, "@by", createdBy);
                    AddTimestamp(command, "@now", now);
                },
                static async (DbCommand command, CancellationToken ct) =>
                {
                    var ids = new List<long>();
                    await using var reader = await command.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct))
                    {
                        ids.Add(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
                    }

                    return ids;
                },
                cancellationToken));
        }

        await scope.CommitAsync(cancellationToken);
        return inserted;
    }
}
