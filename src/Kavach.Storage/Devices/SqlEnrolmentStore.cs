using Kavach.Devices.Enrolment;

namespace Kavach.Storage.Devices;

/// <summary><see cref="IEnrolmentStore"/> on the key store's database (tables <c>device_enrol_nonce</c> and <c>device_l0_request</c>, migration 0010).</summary>
internal sealed class SqlEnrolmentStore : IEnrolmentStore
{
    private readonly DeviceSqlRunner _run;
    private readonly string _insertNonce;
    private readonly string _consumeNonce;
    private readonly string _purgeNonces;
    private readonly string _insertL0;
    private readonly string _selectL0;
    private readonly string _deleteL0;

    public SqlEnrolmentStore(SqlKeyStore database)
    {
        _run = new DeviceSqlRunner(database);
        var p = database.Dialect.TablePrefix;
        _insertNonce = $"INSERT INTO {p}device_enrol_nonce (nonce_sha256, expires_at) VALUES (@nonce, @expires) ON CONFLICT (nonce_sha256) DO NOTHING";

        // One conditional DELETE: of two replicas consuming the same nonce, exactly one sees a row.
        _consumeNonce = $"DELETE FROM {p}device_enrol_nonce WHERE nonce_sha256 = @nonce AND expires_at > @now";
        _purgeNonces = $"DELETE FROM {p}device_enrol_nonce WHERE expires_at <= @now";
        _insertL0 = $"INSERT INTO {p}device_l0_request (serial_no, spki_sha256, csr_data, requested_at) VALUES (@serial, @spki, @csr, @at) ON CONFLICT (serial_no) DO NOTHING";
        _selectL0 = $"SELECT serial_no, spki_sha256, csr_data, requested_at FROM {p}device_l0_request WHERE serial_no = @serial";
        _deleteL0 = $"DELETE FROM {p}device_l0_request WHERE serial_no = @serial";
    }

    /// <inheritdoc />
    public Task<bool> TryInsertNonceAsync(string nonceSha256, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nonceSha256);
        return _run.ReadAsync(
            _insertNonce,
            command =>
            {
                DeviceSqlRunner.Add(command, "@nonce", nonceSha256);
                _run.AddTime(command, "@expires", expiresAt);
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct) > 0,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> TryConsumeNonceAsync(string nonceSha256, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nonceSha256);
        return _run.ReadAsync(
            _consumeNonce,
            command =>
            {
                DeviceSqlRunner.Add(command, "@nonce", nonceSha256);
                _run.AddTime(command, "@now", now);
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct) > 0,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> PurgeExpiredNoncesAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        _run.ReadAsync(
            _purgeNonces,
            command => _run.AddTime(command, "@now", now),
            static (command, ct) => command.ExecuteNonQueryAsync(ct),
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryInsertL0RequestAsync(L0EnrolmentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _run.ReadAsync(
            _insertL0,
            command =>
            {
                DeviceSqlRunner.Add(command, "@serial", request.SerialNo);
                DeviceSqlRunner.Add(command, "@spki", request.SpkiSha256);
                DeviceSqlRunner.Add(command, "@csr", request.Csr);
                _run.AddTime(command, "@at", request.RequestedAt);
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct) > 0,
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<L0EnrolmentRequest?> GetL0RequestAsync(string serialNo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serialNo);
        var rows = await _run.ReadAsync(
            _selectL0,
            command => DeviceSqlRunner.Add(command, "@serial", serialNo),
            (command, ct) => DeviceSqlRunner.ReadRowsAsync(command, reader => new L0EnrolmentRequest(
                reader.GetString(0),
                reader.GetString(1),
                (byte[])reader.GetValue(2),
                _run.ReadRequiredTime(reader, 3)), ct),
            cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public Task<bool> DeleteL0RequestAsync(string serialNo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serialNo);
        return _run.ReadAsync(
            _deleteL0,
            command => DeviceSqlRunner.Add(command, "@serial", serialNo),
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct) > 0,
            cancellationToken);
    }
}
