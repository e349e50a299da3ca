using Kavach.Trust.Storage;

namespace Kavach.Trust.Tests.Support;

/// <summary>An <see cref="IChannelPartnerRepository"/> in memory, with the SQL one's row conditions.</summary>
public sealed class InMemoryChannelPartnerRepository : IChannelPartnerRepository
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ChannelPartnerRecord> _rows = new(StringComparer.Ordinal);

    /// <summary>When set, the next insert throws it (a database that fails at the last step).</summary>
    public Exception? FailNextInsert { get; set; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _rows.Count;
            }
        }
    }

    public Task<bool> InsertChannelPartnerAsync(ChannelPartnerRecord record, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (FailNextInsert is { } failure)
            {
                FailNextInsert = null;
                throw failure;
            }

            return Task.FromResult(_rows.TryAdd(record.PartnerId, record));
        }
    }

    public Task<ChannelPartnerRecord?> GetChannelPartnerAsync(string partnerId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_rows.GetValueOrDefault(partnerId));
        }
    }

    public Task<IReadOnlyList<ChannelPartnerRecord>> ListChannelPartnersAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ChannelPartnerRecord>>([.. _rows.Values.OrderBy(r => r.PartnerId, StringComparer.Ordinal)]);
        }
    }

    public Task<bool> RenewChannelPartnerTlsAsync(string partnerId, string serial, DateTime notAfter, DateTime now, string updatedBy, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_rows.TryGetValue(partnerId, out var row) || row.Status != ChannelPartnerRecord.Active)
            {
                return Task.FromResult(false);
            }

            _rows[partnerId] = row with
            {
                PreviousTlsSerial = row.TlsSerial,
                PreviousTlsNotAfter = row.TlsNotAfter,
                TlsSerial = serial,
                TlsNotAfter = notAfter,
                UpdatedAt = now,
                UpdatedBy = updatedBy,
            };
            return Task.FromResult(true);
        }
    }

    public Task<bool> RevokeChannelPartnerAsync(string partnerId, string reason, DateTime now, string updatedBy, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_rows.TryGetValue(partnerId, out var row) || row.Status != ChannelPartnerRecord.Active)
            {
                return Task.FromResult(false);
            }

            _rows[partnerId] = row with { Status = ChannelPartnerRecord.Revoked, RevocationReason = reason, RevokedAt = now, UpdatedAt = now, UpdatedBy = updatedBy };
            return Task.FromResult(true);
        }
    }
}
