using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Kavach.Devices.Updates.Storage;
using Kavach.Storage.Devices;

namespace Kavach.Storage;

/// <summary>The update tables (migration 0012): trust documents, releases, timestamps, artifact metadata and rollouts.</summary>
internal sealed partial class SqlKeyStore : IDeviceUpdateStore
{
    private DeviceUpdatesSql? updatesSql;

    private DeviceUpdatesSql UpdatesSql => updatesSql ??= new DeviceUpdatesSql(Dialect.TablePrefix);

    /// <inheritdoc />
    public Task<bool> TryInsertTrustAsync(TrustRecord trust, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trust);
        return UpdatesStatementAsync(
            UpdatesSql.InsertTrust,
            command =>
            {
                AddParameter(command, "@version", trust.Version);
                AddTimestamp(command, "@expires", trust.Expires.UtcDateTime);
                AddParameter(command, "@document", trust.Document);
                AddParameter(command, "@by", trust.PublishedBy);
                AddTimestamp(command, "@at", trust.PublishedAt.UtcDateTime);
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct) > 0,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<TrustRecord?> GetLatestTrustAsync(CancellationToken cancellationToken) =>
        UpdatesStatementAsync(
            UpdatesSql.SelectLatestTrust,
            static _ => { },
            async (command, ct) =>
            {
                await using var reader = await command.ExecuteReaderAsync(ct);
                return await reader.ReadAsync(ct)
                    ? new TrustRecord(reader.GetInt64(0), Instant(reader, 1), reader.GetString(2), reader.GetString(3), Instant(reader, 4))
                    : null;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryInsertReleaseAsync(ReleaseRecord release, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        return UpdatesStatementAsync(
            UpdatesSql.InsertRelease,
            command =>
            {
                AddParameter(command, "@counter", release.ReleaseCounter);
                AddParameter(command, "@firmware", release.FirmwareVersion);
                AddParameter(command, "@hardware", WriteStrings(release.HardwareIds));
                AddParameter(command, "@certification", release.Certification);
                AddParameter(command, "@minimum", release.MinReleaseCounter);
                AddTimestamp(command, "@expires", release.Expires.UtcDateTime);
                AddParameter(command, "@document", release.Document);
                AddParameter(command, "@sha256", release.DocumentSha256);
                BindSbi(command, release.Sbi);
                AddParameter(command, "@by", release.PublishedBy);
                AddTimestamp(command, "@at", release.PublishedAt.UtcDateTime);
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct) > 0,
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ReleaseRecord?> GetReleaseAsync(long releaseCounter, CancellationToken cancellationToken)
    {
        var rows = await UpdatesStatementAsync(UpdatesSql.SelectRelease, command => AddParameter(command, "@counter", releaseCounter), ReadReleasesAsync, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReleaseRecord>> ListReleasesAsync(CancellationToken cancellationToken) =>
        UpdatesStatementAsync(UpdatesSql.SelectReleases, static _ => { }, ReadReleasesAsync, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TrySetSbiAsync(long releaseCounter, SbiRecord sbi, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sbi);
        return UpdatesStatementAsync(
            UpdatesSql.UpdateSbi,
            command =>
            {
                AddParameter(command, "@counter", releaseCounter);
                BindSbi(command, sbi);
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct) > 0,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task UpsertTimestampAsync(TimestampRecord timestamp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timestamp);
        return UpdatesStatementAsync(
            UpdatesSql.UpsertTimestamp,
            command =>
            {
                AddParameter(command, "@counter", timestamp.ReleaseCounter);
                AddParameter(command, "@document", timestamp.Document);
                AddTimestamp(command, "@expires", timestamp.Expires.UtcDateTime);
                AddTimestamp(command, "@signed", timestamp.SignedAt.UtcDateTime);
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<TimestampRecord?> GetTimestampAsync(long releaseCounter, CancellationToken cancellationToken) =>
        UpdatesStatementAsync(
            UpdatesSql.SelectTimestamp,
            command => AddParameter(command, "@counter", releaseCounter),
            async (command, ct) =>
            {
                await using var reader = await command.ExecuteReaderAsync(ct);
                return await reader.ReadAsync(ct)
                    ? new TimestampRecord(reader.GetInt64(0), reader.GetString(1), Instant(reader, 2), Instant(reader, 3))
                    : null;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryInsertArtifactAsync(ArtifactRecord artifact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        return UpdatesStatementAsync(
            UpdatesSql.InsertArtifact,
            command =>
            {
                AddParameter(command, "@sha256", artifact.Sha256);
                AddParameter(command, "@length", artifact.Length);
                AddParameter(command, "@name", artifact.Name);
                AddParameter(command, "@by", artifact.UploadedBy);
                AddTimestamp(command, "@at", artifact.UploadedAt.UtcDateTime);
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct) > 0,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<ArtifactRecord?> GetArtifactAsync(string sha256, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        return UpdatesStatementAsync(
            UpdatesSql.SelectArtifact,
            command => AddParameter(command, "@sha256", sha256),
            async (command, ct) =>
            {
                await using var reader = await command.ExecuteReaderAsync(ct);
                return await reader.ReadAsync(ct)
                    ? new ArtifactRecord(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), Instant(reader, 4))
                    : null;
            },
            cancellationToken);
    }

    private static string WriteStrings(IReadOnlyList<string> values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string[] ReadStrings(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(e => e.GetString() ?? string.Empty)];
    }

    private void BindSbi(DbCommand command, SbiRecord? sbi)
    {
        AddParameter(command, "@sw_hash", sbi?.SwBinaryHash);
        AddParameter(command, "@sw_version", sbi?.SwVersion);
        AddTimestamp(command, "@sw_created", sbi?.SwCreateDateTime.UtcDateTime);
        AddTimestamp(command, "@sw_expiry", sbi?.SwExpiryDateTime.UtcDateTime);
    }

    private DateTimeOffset Instant(DbDataReader reader, int ordinal) =>
        new(ReadTimestamp(reader, ordinal) ?? MissingInstant, TimeSpan.Zero);

    private DateTimeOffset? OptionalInstant(DbDataReader reader, int ordinal) =>
        ReadTimestamp(reader, ordinal) is { } value ? new DateTimeOffset(value, TimeSpan.Zero) : null;

    private async Task<IReadOnlyList<ReleaseRecord>> ReadReleasesAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<ReleaseRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var sbi = reader.IsDBNull(8)
                ? null
                : new SbiRecord(reader.GetString(8), reader.GetString(9), OptionalInstant(reader, 10) ?? default, OptionalInstant(reader, 11) ?? default);
            rows.Add(new ReleaseRecord(
                reader.GetInt64(0),
                reader.GetString(1),
                ReadStrings(reader.GetString(2)),
                reader.GetString(3),
                reader.GetInt64(4),
                Instant(reader, 5),
                reader.GetString(6),
                reader.GetString(7),
                sbi,
                reader.GetString(12),
                Instant(reader, 13)));
        }

        return rows;
    }

    /// <summary>One statement on a connection of its own, errors translated.</summary>
    private Task<T> UpdatesStatementAsync<T>(string sql, Action<DbCommand> bind, Func<DbCommand, CancellationToken, Task<T>> run, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            await using var command = CreateCommand(connection, null, sql);
            bind(command);
            return await run(command, cancellationToken);
        });

    /// <summary>A transaction: committed when <paramref name="body"/> returns true, rolled back otherwise.</summary>
    private Task<bool> UpdatesTransactionAsync(Func<DbConnection, DbTransaction, CancellationToken, Task<bool>> body, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            await using var transaction = await Dialect.BeginWriteAsync(connection, cancellationToken);
            var done = await body(connection, transaction, cancellationToken);
            if (done)
            {
                await transaction.CommitAsync(cancellationToken);
            }
            else
            {
                await transaction.RollbackAsync(cancellationToken);
            }

            return done;
        });

    private static int ReadInt32(DbDataReader reader, int ordinal) =>
        Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
