using System.Data.Common;
using System.Globalization;
using Kavach.Keys.Audit;

namespace Kavach.Storage.Audit;

/// <summary>Binding and reading audit rows (shared by the store's reads and the write scope).</summary>
internal static class AuditRows
{
    internal static void BindRecord(SqlKeyStore store, DbCommand command, AuditRecord record)
    {
        var entry = record.Entry;
        static string Name(int column) => AuditSql.RecordParameterNames[column];
        SqlKeyStore.AddParameter(command, Name(0), record.Seq);
        store.AddTimestamp(command, Name(1), entry.Time);
        SqlKeyStore.AddParameter(command, Name(2), entry.RequestId);
        SqlKeyStore.AddParameter(command, Name(3), entry.Actor);
        SqlKeyStore.AddParameter(command, Name(4), entry.AuthMethod);
        SqlKeyStore.AddParameter(command, Name(5), entry.Client);
        SqlKeyStore.AddParameter(command, Name(6), entry.Operation);
        SqlKeyStore.AddParameter(command, Name(7), entry.AppId);
        SqlKeyStore.AddParameter(command, Name(8), entry.RefId);
        SqlKeyStore.AddParameter(command, Name(9), entry.KeyRef);
        SqlKeyStore.AddParameter(command, Name(10), entry.Subject);
        SqlKeyStore.AddParameter(command, Name(11), entry.Outcome);
        SqlKeyStore.AddParameter(command, Name(12), entry.HttpStatus);
        SqlKeyStore.AddParameter(command, Name(13), entry.Detail);
        SqlKeyStore.AddParameter(command, Name(14), record.PrevHash);
        SqlKeyStore.AddParameter(command, Name(15), record.Hash);
        SqlKeyStore.AddParameter(command, Name(16), record.MacKeyAlias);
        SqlKeyStore.AddParameter(command, Name(17), record.Mac);
    }

    internal static void BindCheckpoint(SqlKeyStore store, DbCommand command, AuditCheckpoint checkpoint)
    {
        SqlKeyStore.AddParameter(command, "@seq", checkpoint.Seq);
        SqlKeyStore.AddParameter(command, "@hash", checkpoint.RecordHash);
        store.AddTimestamp(command, "@time", checkpoint.CreatedAt);
        SqlKeyStore.AddParameter(command, "@alias", checkpoint.SigningKeyAlias);
        SqlKeyStore.AddParameter(command, "@thumbprint", checkpoint.CertificateThumbprint);
        SqlKeyStore.AddParameter(command, "@certificate", checkpoint.CertificatePem);
        SqlKeyStore.AddParameter(command, "@algorithm", checkpoint.Algorithm);
        SqlKeyStore.AddParameter(command, "@signature", checkpoint.Signature);
        SqlKeyStore.AddParameter(command, "@policy", checkpoint.PolicyState);
        SqlKeyStore.AddParameter(command, "@mac_alias", checkpoint.MacKeyAlias);
        SqlKeyStore.AddParameter(command, "@mac", checkpoint.Mac);
    }

    internal static async Task<AuditHead> ReadHeadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new AuditHead(ReadLong(reader, 0), reader.GetString(1))
            : AuditHead.Empty;
    }

    internal static async Task<IReadOnlyList<AuditRecord>> ReadRecordsAsync(SqlKeyStore store, DbCommand command, CancellationToken cancellationToken)
    {
        var records = new List<AuditRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var entry = new AuditEntry
            {
                Time = store.ReadTimestamp(reader, 1) ?? DateTime.MinValue,
                RequestId = Text(reader, 2),
                Actor = Text(reader, 3),
                AuthMethod = Text(reader, 4),
                Client = Text(reader, 5),
                Operation = Text(reader, 6) ?? string.Empty,
                AppId = Text(reader, 7),
                RefId = Text(reader, 8),
                KeyRef = Text(reader, 9),
                Subject = Text(reader, 10),
                Outcome = Text(reader, 11) ?? string.Empty,
                HttpStatus = reader.IsDBNull(12) ? null : Convert.ToInt32(reader.GetValue(12), CultureInfo.InvariantCulture),
                Detail = Text(reader, 13),
            };
            records.Add(new AuditRecord(ReadLong(reader, 0), entry, Text(reader, 14) ?? string.Empty, Text(reader, 15) ?? string.Empty)
            {
                MacKeyAlias = Text(reader, 16),
                Mac = Text(reader, 17),
            });
        }

        return records;
    }

    internal static async Task<IReadOnlyList<AuditCheckpoint>> ReadCheckpointsAsync(SqlKeyStore store, DbCommand command, CancellationToken cancellationToken)
    {
        var checkpoints = new List<AuditCheckpoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            checkpoints.Add(new AuditCheckpoint(
                ReadLong(reader, 0),
                reader.GetString(1),
                store.ReadTimestamp(reader, 2) ?? DateTime.MinValue,
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetString(6),
                reader.GetString(7),
                Text(reader, 8),
                Text(reader, 9),
                Text(reader, 10)));
        }

        return checkpoints;
    }

    internal static long ReadLong(DbDataReader reader, int ordinal) =>
        Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
