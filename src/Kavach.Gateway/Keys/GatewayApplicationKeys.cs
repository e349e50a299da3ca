using Kavach.Gateway.Configuration;
using Kavach.Hosting.Startup;
using Kavach.PartnerChannel.Keys;
using Kavach.Trust.Channel;

namespace Kavach.Gateway.Keys;

/// <summary>
/// Makes the protected application's keys usable once the key manager is ready (<see cref="ChannelApplicationKeys"/>:
/// the key policy when there is none, the module key, <c>&lt;APP&gt;/SIGN</c> and <c>&lt;APP&gt;/&lt;ref&gt;</c>), so the
/// first partner request does not pay for key generation.
/// A fault is logged and retried; requests meanwhile get 503 <c>KER-PCH-003</c>.
/// </summary>
internal sealed partial class GatewayApplicationKeys : BackgroundService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(30);

    private readonly GatewaySettings _settings;
    private readonly KavachReadiness _readiness;
    private readonly ChannelApplicationKeys _keys;
    private readonly IChannelSigner _signer;
    private readonly IChannelDecryptor _decryptor;
    private readonly TimeProvider _time;
    private readonly ILogger<GatewayApplicationKeys> _logger;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GatewayApplicationKeys(GatewaySettings settings, KavachReadiness readiness, ChannelApplicationKeys keys, IChannelSigner signer, IChannelDecryptor decryptor, TimeProvider time, ILogger<GatewayApplicationKeys> logger)
    {
        _settings = settings;
        _readiness = readiness;
        _keys = keys;
        _signer = signer;
        _decryptor = decryptor;
        _time = time;
        _logger = logger;
    }

    /// <summary>Completes once the application's keys are usable.</summary>
    public Task Ready => _ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _readiness.WhenReady(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await EnsureAsync(stoppingToken);
                    _ready.TrySetResult();
                    LogReady(_logger, _settings.ApplicationId);
                    return;
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // the gateway keeps running and retries; partner requests get 503 until then
                catch (Exception e)
#pragma warning restore CA1031
                {
                    LogFailed(_logger, _settings.ApplicationId, e.GetType().Name, e);
                }

                await Task.Delay(RetryInterval, _time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task EnsureAsync(CancellationToken cancellationToken)
    {
        var keys = await _keys.EnsureAsync(_settings.ApplicationId, _settings.EncryptionReferenceId, configured: true, cancellationToken);
        if (!keys.IsSuccess)
        {
            throw new InvalidOperationException($"The keys of {_settings.ApplicationId} cannot be made ({keys.Error.Code}).");
        }

        _ = await _signer.GetCertificateAsync(cancellationToken);
        _ = await _decryptor.GetCertificateAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Signature and encryption keys of {ApplicationId} ready")]
    private static partial void LogReady(ILogger logger, string applicationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Keys of {ApplicationId} not ready ({Fault}); retrying")]
    private static partial void LogFailed(ILogger logger, string applicationId, string fault, Exception exception);
}
