using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Kavach.Trust.Channel;
using Kavach.Trust.Storage;

namespace Kavach.Storage.Trust;

/// <content>The partner channel's partners and replay ledger (migration 0008).</content>
internal sealed partial class SqlTrustRepository : IChannelPartnerRepository, IReplayLedger
{
    // The column's width; longer identifiers are stored as their hash, which is as unique for this purpose.
    private const int MaxReplayKeyLength = 256;

    // Entries per transaction: enough to absorb a burst, small enough that one commit stays short.
    private const int MaxReplayBatch = 256;

    /// <inheritdoc />
    public Task<bool> InsertChannelPartnerAsync(ChannelPartnerRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return WriteAsync(
            async (connection, transaction, ct) =>
            {
                await using var insert = Command(connection, transaction, _channel.InsertPartner);
                AddParameter(insert, "@id", record.PartnerId);
                AddParameter(insert, "@org", record.Organization);
                AddParameter(insert, "@domain", record.Domain);
                AddParameter(insert, "@app", record.ApplicationId);
                AddParameter(insert, "@sign", record.SigningCertificatePem);
                AddParameter(insert, "@enc", record.EncryptionCertificatePem);
                AddParameter(insert, "@sign_id", record.SigningCertificateId);
                AddParameter(insert, "@enc_id", record.EncryptionCertificateId);
                AddParameter(insert, "@serial", record.TlsSerial);
                _dialect.AddTimestamp(insert, "@not_after", record.TlsNotAfter);
                AddParameter(insert, "@status", record.Status);
                AddParameter(insert, "@by", record.CreatedBy);
                _dialect.AddTimestamp(insert, "@now", record.CreatedAt);
                return await insert.ExecuteNonQueryAsync(ct) > 0;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ChannelPartnerRecord?> GetChannelPartnerAsync(string partnerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partnerId);
        var rows = await ReadAsync(_channel.SelectPartner, command => AddParameter(command, "@id", partnerId), ReadPartnersAsync, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ChannelPartnerRecord>> ListChannelPartnersAsync(CancellationToken cancellationToken) =>
        ReadAsync(_channel.SelectPartners, static _ => { }, ReadPartnersAsync, cancellationToken);

    /// <inheritdoc />
    public Task<bool> RenewChannelPartnerTlsAsync(string partnerId, string serial, DateTime notAfter, DateTime now, string updatedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partnerId);
        ArgumentNullException.ThrowIfNull(serial);
        return WriteAsync(
            async (connection, transaction, ct) =>
            {
                await using var update = Command(connection, transaction, _channel.RenewPartner);
                AddParameter(update, "@id", partnerId);
                AddParameter(update, "@serial", serial);
                _dialect.AddTimestamp(update, "@not_after", notAfter);
                AddParameter(update, "@by", updatedBy);
                _dialect.AddTimestamp(update, "@now", now);
                AddParameter(update, "@active", ChannelPartnerRecord.Active);
                return await update.ExecuteNonQueryAsync(ct) > 0;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RevokeChannelPartnerAsync(string partnerId, string reason, DateTime now, string updatedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partnerId);
        return WriteAsync(
            async (connection, transaction, ct) =>
            {
                await using var update = Command(connection, transaction, _channel.RevokePartner);
                AddParameter(update, "@id", partnerId);
                AddParameter(update, "@revoked", ChannelPartnerRecord.Revoked);
                AddParameter(update, "@reason", reason);
                _dialect.AddTimestamp(update, "@now", now);
                AddParameter(update, "@by", updatedBy);
                AddParameter(update, "@active", ChannelPartnerRecord.Active);
                return await update.ExecuteNonQueryAsync(ct) > 0;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryRecordAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var stored = key.Length <= MaxReplayKeyLength ? key : "sha256:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

        // Every request writes one entry, durably (a lost entry after a crash would reopen the replay window): the
        // entries of concurrent requests share one transaction and its fsync.
        return await _replays.EnqueueAsync(new ReplayEntry(stored, expiresAt.UtcDateTime)).WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Writes a batch of replay entries in one transaction; an entry is new when its insert changed a row. Each statement
    /// stands alone against the primary key, so two replicas racing on one key (or one key twice in a batch) see one winner.
    /// </summary>
    private Task<IReadOnlyList<bool>> RecordReplaysAsync(IReadOnlyList<ReplayEntry> batch) =>
        WriteAsync<IReadOnlyList<bool>>(
            async (connection, transaction, ct) =>
            {
                var now = _database.Now();
                var recorded = new bool[batch.Count];
                for (var i = 0; i < batch.Count; i++)
                {
                    // A command per entry: Npgsql 10 re-sends an auto-prepared command's first parameters after
                    // Parameters.Clear() (an operator's "Max Auto Prepare"), which would record no entry at all.
                    await using var insert = Command(connection, transaction, _channel.RecordReplay);
                    AddParameter(insert, "@key", batch[i].Key);
                    _dialect.AddTimestamp(insert, "@expires", batch[i].ExpiresAt);
                    _dialect.AddTimestamp(insert, "@now", now);
                    recorded[i] = await insert.ExecuteNonQueryAsync(ct) > 0;
                }

                return recorded;
            },
            CancellationToken.None);

    /// <inheritdoc />
    public async ValueTask<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        await ReadAsync(
            _channel.PurgeReplay,
            command => _dialect.AddTimestamp(command, "@now", now.UtcDateTime),
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct),
            cancellationToken);

    private async Task<IReadOnlyList<ChannelPartnerRecord>> ReadPartnersAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<ChannelPartnerRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ChannelPartnerRecord(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.GetString(8),
                _dialect.ReadTimestamp(reader, 9) ?? DateTime.MinValue,
                reader.IsDBNull(10) ? null : reader.GetString(10),
                _dialect.ReadTimestamp(reader, 11),
                reader.GetString(12),
                reader.IsDBNull(13) ? null : reader.GetString(13),
                _dialect.ReadTimestamp(reader, 15) ?? DateTime.MinValue,
                reader.GetString(14),
                _dialect.ReadTimestamp(reader, 17),
                reader.IsDBNull(16) ? null : reader.GetString(16),
                _dialect.ReadTimestamp(reader, 18)));
        }

        return rows;
    }

    private readonly record struct ReplayEntry(string Key, DateTime ExpiresAt);
}
