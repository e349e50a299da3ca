using Kavach.Keys.Certificates;
using Kavach.Trust.Storage;

namespace Kavach.Trust.Channel;

/// <summary>
/// <see cref="IChannelPartnerDirectory"/> over the <c>channel_partner</c> table: one primary-key read per lookup, no
/// cache, so a revocation or renewal made on any replica holds from the next request on. The previous TLS serial is
/// listed until that certificate's end of validity.
/// </summary>
public sealed class ChannelPartnerDirectory : IChannelPartnerDirectory
{
    private readonly IChannelPartnerRepository _repository;
    private readonly TimeProvider _time;

    /// <summary>Creates the directory.</summary>
    public ChannelPartnerDirectory(IChannelPartnerRepository repository, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(time);
        _repository = repository;
        _time = time;
    }

    /// <inheritdoc />
    public async Task<ChannelPartner?> FindAsync(string partnerId, CancellationToken cancellationToken)
    {
        if (!ChannelPartnerIds.IsValidId(partnerId))
        {
            return null;
        }

        var record = await _repository.GetChannelPartnerAsync(partnerId, cancellationToken);
        return record is null ? null : ToPartner(record, _time.GetUtcNow().UtcDateTime);
    }

    /// <summary>The partner a row describes at <paramref name="now"/>; a row whose certificates do not parse reads as revoked.</summary>
    internal static ChannelPartner ToPartner(ChannelPartnerRecord record, DateTime now)
    {
        var serials = new List<string> { record.TlsSerial };
        if (record.PreviousTlsSerial is { } previous && record.PreviousTlsNotAfter is { } previousEnd && now < previousEnd)
        {
            serials.Add(previous);
        }

        var state = record.Status == ChannelPartnerRecord.Active ? ChannelPartnerState.Active : ChannelPartnerState.Revoked;
        byte[] signing = [], encryption = [];
        if (Pem.TryParseCertificate(record.SigningCertificatePem, out var sign) && Pem.TryParseCertificate(record.EncryptionCertificatePem, out var enc))
        {
            using (sign)
            using (enc)
            {
                signing = sign.RawData;
                encryption = enc.RawData;
            }
        }
        else
        {
            // An edited row fails closed.
            state = ChannelPartnerState.Revoked;
        }

        return new ChannelPartner(
            record.PartnerId,
            record.Organization,
            record.Domain,
            record.ApplicationId,
            signing,
            encryption,
            serials,
            new DateTimeOffset(DateTime.SpecifyKind(record.TlsNotAfter, DateTimeKind.Utc)),
            state);
    }
}
