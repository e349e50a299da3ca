using Kavach.Crypto;
using Kavach.Devices.Commands;
using Kavach.Devices.Policy;
using Kavach.Devices.Registry;
using Kavach.Keys.Errors;
using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Time;

/// <summary>
/// Trusted time for devices (spec §4.7, <c>POST /v1/time</c>): the server's time in milliseconds bound to the device's
/// 32-byte nonce, with the server clock's error bound as <c>radiusMs</c>. It refuses to vouch for a clock that is not
/// disciplined, or whose error bound is above <see cref="TrustedTimeOptions.RefuseAboveMs"/>, and alerts above
/// <see cref="TrustedTimeOptions.AlertAboveMs"/>: a device must rather keep its last trusted time than take a bad one.
/// The host signs the stamp (downlink JWS) and sends it.
/// </summary>
public sealed class TrustedTimeService
{
    private const int NonceBytes = 32;

    private readonly IClockDiscipline _discipline;
    private readonly TrustedTimeOptions _options;
    private readonly IDeviceAudit _audit;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the service.</summary>
    public TrustedTimeService(IClockDiscipline discipline, TrustedTimeOptions options, IDeviceAudit audit, TimeProvider time, ILogger<TrustedTimeService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _discipline = discipline;
        _options = options;
        _audit = audit;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// The stamp for <paramref name="nonce"/> (base64url of exactly 32 bytes, unpadded), or
    /// <see cref="DeviceOperationErrors.InvalidNonce"/> / <see cref="DeviceOperationErrors.ClockNotDisciplined"/>.
    /// <paramref name="serialNo"/> names the enrolled device asking, for the audit record.
    /// </summary>
    public async Task<Result<TrustedTimeStamp>> StampAsync(string? nonce, string? serialNo, CancellationToken cancellationToken)
    {
        var actor = serialNo is null ? "device:-" : OperationsActors.Device(serialNo);
        var now = _time.GetUtcNow();
        if (!IsNonce(nonce))
        {
            await _audit.RecordAsync(new DeviceAuditEvent(now, "device.time", actor, DeviceOperationErrors.InvalidNonce.Code, serialNo), cancellationToken);
            return DeviceOperationErrors.InvalidNonce;
        }

        var reading = _discipline.Read();
        var errorMs = reading.ErrorBound?.TotalMilliseconds;
        if (!reading.Synchronised || errorMs is not { } bound || bound > _options.RefuseAboveMs)
        {
            TimeLog.Refused(_logger, reading.Source, errorMs, _options.RefuseAboveMs);
            await _audit.RecordAsync(new DeviceAuditEvent(now, "device.time", actor, DeviceOperationErrors.ClockNotDisciplined.Code, serialNo, $"source={reading.Source} synchronised={reading.Synchronised}"), cancellationToken);
            return DeviceOperationErrors.ClockNotDisciplined;
        }

        if (bound > _options.AlertAboveMs)
        {
            TimeLog.Degraded(_logger, bound, _options.AlertAboveMs, reading.Source);
        }

        var serverTime = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        var radius = (long)Math.Ceiling(bound);
        await _audit.RecordAsync(new DeviceAuditEvent(now, "device.time", actor, "OK", serialNo, $"source={reading.Source} radiusMs={radius}"), cancellationToken);
        return new TrustedTimeStamp(nonce!, serverTime, radius);
    }

    // Exactly 32 bytes in canonical unpadded base64url: one nonce has one spelling, so it cannot be varied.
    private static bool IsNonce(string? nonce) =>
        nonce is { Length: 43 } &&
        Base64Url.TryDecodeUrlSafe(nonce, out var bytes) &&
        bytes.Length == NonceBytes &&
        string.Equals(Base64Url.Encode(bytes), nonce, StringComparison.Ordinal);
}
