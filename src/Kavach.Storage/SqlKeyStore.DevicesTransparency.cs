using System.Data.Common;
using Kavach.Devices.Transparency;

namespace Kavach.Storage;

/// <summary>
/// The device transparency log's tables (migration 0013). Appends take the store's write lock of the reserved pair
/// (<see cref="LogLockAppId"/>, <see cref="LogLockRefId"/>) — a PostgreSQL advisory transaction lock every replica
/// shares, or SQLite's writer lock — read the next index inside it and insert there; the index is also the primary
/// key, so even a writer that skipped the lock could not fork the tree.
/// </summary>
internal sealed partial class SqlKeyStore : ITransparencyLogStore
{
    /// <summary>The reserved lock pair of log appends ('#' never starts a MOSIP application id).</summary>
    internal const string LogLockAppId = "#DEVLOG";

    /// <summary>See <see cref="LogLockAppId"/>.</summary>
    internal const string LogLockRefId = "#APPEND";

    private const string LeafColumns = "leaf_index, leaf_data, leaf_hash, appended_dtimes";

    private string LeafTable => Sql.TablePrefix + "device_log_leaf";

    private string TreeHeadTable => Sql.TablePrefix + "device_log_sth";

    /// <inheritdoc />
    public async Task<long> AppendLeafAsync(TransparencyEntry entry, byte[] leaf, byte[] leafHash, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(leaf);
        ArgumentNullException.ThrowIfNull(leafHash);
        await using var scope = (SqlWriteScope)await BeginWriteAsync(LogLockAppId, LogLockRefId, cancellationToken);
        var index = await scope.RunAsync(
            $"SELECT COALESCE(MAX(leaf_index) + 1, 0) FROM {LeafTable}",
            static _ => { },
            static async (command, ct) => Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture),
            cancellationToken);
        await scope.RunAsync(
            $"""
            INSERT INTO {LeafTable} (leaf_index, leaf_data, leaf_hash, event_kind, serial_no, ftm_cert_sha256, cert_serial, appended_dtimes)
            VALUES (@index, @leaf, @hash, @kind, @serial, @ftm, @cert, @at)
            """,
            command =>
            {
                AddParameter(command, "@index", index);
                AddParameter(command, "@leaf", leaf);
                AddParameter(command, "@hash", leafHash);
                AddParameter(command, "@kind", TransparencyEntryCodec.KindName(entry.Kind));
                AddParameter(command, "@serial", entry.SerialNo);
                AddParameter(command, "@ftm", entry.FtmCertSha256);
                AddParameter(command, "@cert", entry.CertSerial);
                AddTimestamp(command, "@at", at.UtcDateTime);
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct),
            cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return index;
    }

    /// <inheritdoc />
    public Task<long> GetLeafCountAsync(CancellationToken cancellationToken) =>
        RunStatementAsync(
            $"SELECT COALESCE(MAX(leaf_index) + 1, 0) FROM {LeafTable}",
            static _ => { },
            static async (command, ct) => Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture),
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<TransparencyLeafRecord>> ReadLeavesAsync(long from, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return RunStatementAsync(
            $"SELECT {LeafColumns} FROM {LeafTable} WHERE leaf_index >= @from ORDER BY leaf_index LIMIT @limit",
            command =>
            {
                AddParameter(command, "@from", from);
                AddParameter(command, "@limit", limit);
            },
            ReadLeafRowsAsync,
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<TransparencyLeafRecord?> FindLeafByHashAsync(byte[] leafHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        var rows = await RunStatementAsync(
            $"SELECT {LeafColumns} FROM {LeafTable} WHERE leaf_hash = @hash ORDER BY leaf_index LIMIT 1",
            command => AddParameter(command, "@hash", leafHash),
            ReadLeafRowsAsync,
            cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public async Task<bool> TryInsertTreeHeadAsync(SignedTreeHead head, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(head);
        try
        {
            await RunStatementAsync(
                $"INSERT INTO {TreeHeadTable} (tree_size, root_hash, sth_ms, key_id, signature) VALUES (@size, @root, @ms, @key, @signature)",
                command =>
                {
                    AddParameter(command, "@size", head.TreeSize);
                    AddParameter(command, "@root", head.RootHash);
                    AddParameter(command, "@ms", head.Timestamp.ToUnixTimeMilliseconds());
                    AddParameter(command, "@key", head.KeyId);
                    AddParameter(command, "@signature", head.Signature);
                },
                static async (command, ct) => await command.ExecuteNonQueryAsync(ct),
                cancellationToken);
            return true;
        }
        catch (KeyStoreConflictException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public Task<SignedTreeHead?> GetLatestTreeHeadAsync(CancellationToken cancellationToken) =>
        RunStatementAsync(
            $"SELECT tree_size, root_hash, sth_ms, key_id, signature FROM {TreeHeadTable} ORDER BY tree_size DESC LIMIT 1",
            static _ => { },
            ReadTreeHeadAsync,
            cancellationToken);

    /// <inheritdoc />
    public Task<SignedTreeHead?> GetTreeHeadAsync(long treeSize, CancellationToken cancellationToken) =>
        RunStatementAsync(
            $"SELECT tree_size, root_hash, sth_ms, key_id, signature FROM {TreeHeadTable} WHERE tree_size = @size",
            command => AddParameter(command, "@size", treeSize),
            ReadTreeHeadAsync,
            cancellationToken);

    private static async Task<SignedTreeHead?> ReadTreeHeadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new SignedTreeHead(
            reader.GetInt64(0),
            (byte[])reader.GetValue(1),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
            reader.GetString(3),
            (byte[])reader.GetValue(4));
    }

    private async Task<IReadOnlyList<TransparencyLeafRecord>> ReadLeafRowsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var leaves = new List<TransparencyLeafRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            leaves.Add(new TransparencyLeafRecord(
                reader.GetInt64(0),
                (byte[])reader.GetValue(1),
                (byte[])reader.GetValue(2),
                new DateTimeOffset(ReadTimestamp(reader, 3) ?? MissingInstant, TimeSpan.Zero)));
        }

        return leaves;
    }
}
