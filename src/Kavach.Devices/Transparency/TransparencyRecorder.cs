using Kavach.Devices.Registry;

namespace Kavach.Devices.Transparency;

/// <summary>
/// Puts what devices will trust into the transparency log before they see it (spec §4.13.6): every device certificate
/// the device CA hands out (<c>certificate-issued</c> at enrolment and re-enrolment, <c>certificate-rotated</c> with the
/// certificate it replaces) and every firmware release (<c>release-published</c>). What could not be logged is not
/// handed out: the caller withdraws the certificate or does not publish the release, so nothing exists outside the log.
/// </summary>
public sealed class TransparencyRecorder
{
    private readonly TransparencyLog _log;
    private readonly TimeProvider _time;

    /// <summary>Creates the recorder over <paramref name="log"/>.</summary>
    public TransparencyRecorder(TransparencyLog log, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(time);
        _log = log;
        _time = time;
    }

    /// <summary>
    /// Logs <paramref name="certificate"/> of <paramref name="device"/>; <paramref name="previousCertSerial"/> names the
    /// certificate a rotation replaces (null at enrolment). False when it could not be logged, also when the log's
    /// database or signing key is gone (the caller withdraws the certificate either way).
    /// </summary>
    public Task<bool> RecordCertificateAsync(DeviceRecord device, DeviceCertificateRecord certificate, string? previousCertSerial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(certificate);
        var entry = new TransparencyEntry(
            previousCertSerial is null ? TransparencyEventKind.CertificateIssued : TransparencyEventKind.CertificateRotated,
            _time.GetUtcNow(),
            device.SerialNo,
            device.FtmCertSha256?.ToLowerInvariant(),
            certificate.CertSerial,
            certificate.SpkiSha256,
            PreviousCertSerial: previousCertSerial);
        return AppendAsync(entry, cancellationToken);
    }

    /// <summary>Logs a release by its counter and the SHA-256 of its signed manifest; false when it could not be logged.</summary>
    public Task<bool> RecordReleaseAsync(long releaseCounter, string manifestSha256, CancellationToken cancellationToken) =>
        AppendAsync(new TransparencyEntry(TransparencyEventKind.ReleasePublished, _time.GetUtcNow(), ReleaseCounter: releaseCounter, ReleaseSha256: manifestSha256), cancellationToken);

    private async Task<bool> AppendAsync(TransparencyEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            return (await _log.AppendAsync(entry, cancellationToken)).IsSuccess;
        }
#pragma warning disable CA1031 // any failure means "not logged", which the caller handles by not handing the thing out
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return false;
        }
    }
}
