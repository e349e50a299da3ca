using BitFaster.Caching.Lru;
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
    // PEM text -> its certificate's DER, for rows read on every request: parsing two certificates per request cost more
    // than the rest of the lookup. Keyed by the whole text, so an edited row is parsed afresh; only parsed ones are kept.
    private static readonly ConcurrentLru<string, byte[]> CertificateDer = new(256);

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
        if (TryDer(record.SigningCertificatePem, out var sign) && TryDer(record.EncryptionCertificatePem, out var enc))
        {
            signing = sign;
            encryption = enc;
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

    private static bool TryDer(string pem, out byte[] der)
    {
        if (CertificateDer.TryGet(pem, out der!))
        {
            return true;
        }

        if (!Pem.TryParseCertificate(pem, out var certificate))
        {
            return false;
        }

        using (certificate)
        {
            der = certificate.RawData;
        }

        CertificateDer.AddOrUpdate(pem, der);
        return true;
    }
}
