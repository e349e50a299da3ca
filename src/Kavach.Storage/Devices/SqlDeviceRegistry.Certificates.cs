using System.Data.Common;
using Kavach.Devices.Registry;

namespace Kavach.Storage.Devices;

/// <content>The device certificates (<c>device_cert</c>).</content>
internal sealed partial class SqlDeviceRegistry
{
    /// <inheritdoc />
    public Task<bool> TryInsertCertificateAsync(DeviceCertificateRecord certificate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);

        // ON CONFLICT DO NOTHING covers every unique rule at once: the serial, the public key and one Active per device.
        return ConflictIsFalseAsync(() => _run.ReadAsync(
            _sql.InsertCertificate,
            command =>
            {
                DeviceSqlRunner.Add(command, "@cert_serial", certificate.CertSerial);
                DeviceSqlRunner.Add(command, "@serial", certificate.SerialNo);
                DeviceSqlRunner.Add(command, "@spki", certificate.SpkiSha256);
                _run.AddTime(command, "@not_before", certificate.NotBefore);
                _run.AddTime(command, "@not_after", certificate.NotAfter);
                DeviceSqlRunner.Add(command, "@status", certificate.Status.ToString());
                _run.AddTime(command, "@revoked_at", certificate.RevokedAt);
                DeviceSqlRunner.Add(command, "@reason", certificate.Reason);
                DeviceSqlRunner.Add(command, "@rotation", certificate.RotationId);
                DeviceSqlRunner.Add(command, "@csr", certificate.CsrSha256);
                DeviceSqlRunner.Add(command, "@der", certificate.Der);
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct) > 0,
            cancellationToken));
    }

    /// <inheritdoc />
    public async Task<DeviceCertificateRecord?> GetCertificateAsync(string certSerial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certSerial);
        var rows = await _run.ReadAsync(_sql.SelectCertificate, c => DeviceSqlRunner.Add(c, "@cert_serial", certSerial), ReadCertificatesAsync, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public async Task<DeviceCertificateRecord?> FindBySpkiAsync(string spkiSha256, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spkiSha256);
        var rows = await _run.ReadAsync(_sql.SelectCertificateBySpki, c => DeviceSqlRunner.Add(c, "@spki", spkiSha256), ReadCertificatesAsync, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeviceCertificateRecord>> ListForDeviceAsync(string serialNo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serialNo);
        return _run.ReadAsync(_sql.SelectCertificatesOfDevice, c => DeviceSqlRunner.Add(c, "@serial", serialNo), ReadCertificatesAsync, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> TryChangeStatusAsync(string certSerial, DeviceCertificateStatus from, DeviceCertificateStatus to, string? reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certSerial);
        return ConflictIsFalseAsync(() => _run.ReadAsync(
            to == DeviceCertificateStatus.Revoked ? _sql.RevokeCertificate : _sql.ChangeCertificateStatus,
            command =>
            {
                DeviceSqlRunner.Add(command, "@cert_serial", certSerial);
                DeviceSqlRunner.Add(command, "@from", from.ToString());
                if (to == DeviceCertificateStatus.Revoked)
                {
                    _run.AddTime(command, "@at", at);
                    DeviceSqlRunner.Add(command, "@reason", reason);
                }
                else
                {
                    DeviceSqlRunner.Add(command, "@to", to.ToString());
                }
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct) > 0,
            cancellationToken));
    }

    /// <inheritdoc />
    public Task<bool> TryActivateAsync(string certSerial, string? supersededCertSerial, string? supersededReason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certSerial);
        return ConflictIsFalseAsync(() => _run.WriteAsync(
            async (connection, transaction, ct) =>
            {
                // The old one first: with it revoked, the partial unique index lets the new one become Active.
                if (supersededCertSerial is not null)
                {
                    await using var revoke = DeviceSqlRunner.Command(connection, transaction, _sql.RevokeCertificate);
                    DeviceSqlRunner.Add(revoke, "@cert_serial", supersededCertSerial);
                    DeviceSqlRunner.Add(revoke, "@from", nameof(DeviceCertificateStatus.Active));
                    _run.AddTime(revoke, "@at", at);
                    DeviceSqlRunner.Add(revoke, "@reason", supersededReason);
                    if (await revoke.ExecuteNonQueryAsync(ct) == 0)
                    {
                        return false;
                    }
                }

                await using var activate = DeviceSqlRunner.Command(connection, transaction, _sql.ChangeCertificateStatus);
                DeviceSqlRunner.Add(activate, "@cert_serial", certSerial);
                DeviceSqlRunner.Add(activate, "@from", nameof(DeviceCertificateStatus.Pending));
                DeviceSqlRunner.Add(activate, "@to", nameof(DeviceCertificateStatus.Active));
                return await activate.ExecuteNonQueryAsync(ct) > 0;
            },
            cancellationToken));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeviceCertificateRecord>> ListRevokedAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        _run.ReadAsync(_sql.SelectRevoked, c => _run.AddTime(c, "@now", now), ReadCertificatesAsync, cancellationToken);

    /// <inheritdoc />
    /// <remarks>"Issued" is the certificate's notBefore.</remarks>
    public Task<IReadOnlyList<DeviceCertificateRecord>> ListPendingAsync(DateTimeOffset issuedBefore, CancellationToken cancellationToken) =>
        _run.ReadAsync(_sql.SelectPending, c => _run.AddTime(c, "@before", issuedBefore), ReadCertificatesAsync, cancellationToken);

    /// <summary>A unique rule the database enforced (a racing writer won) is the answer "no", not an error.</summary>
    private static async Task<bool> ConflictIsFalseAsync(Func<Task<bool>> write)
    {
        try
        {
            return await write();
        }
        catch (KeyStoreConflictException)
        {
            return false;
        }
    }

    private Task<IReadOnlyList<DeviceCertificateRecord>> ReadCertificatesAsync(DbCommand command, CancellationToken cancellationToken) =>
        DeviceSqlRunner.ReadRowsAsync(
            command,
            reader => new DeviceCertificateRecord(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                _run.ReadRequiredTime(reader, 3),
                _run.ReadRequiredTime(reader, 4),
                Enum.Parse<DeviceCertificateStatus>(reader.GetString(5), ignoreCase: false),
                _run.ReadTime(reader, 6),
                DeviceSqlRunner.Text(reader, 7),
                DeviceSqlRunner.Text(reader, 8),
                DeviceSqlRunner.Text(reader, 9),
                (byte[])reader.GetValue(10)),
            cancellationToken);
}
