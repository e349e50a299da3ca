using Kavach.Gateway.Configuration;
using Kavach.Hosting.Startup;
using Kavach.Keys.Certificates;
using Kavach.Keys.Management;
using Kavach.Keys.Policy;
using Kavach.Keys.Storage;
using Kavach.PartnerChannel.Keys;

namespace Kavach.Gateway.Keys;

/// <summary>
/// Makes the protected application's keys usable once the key manager is ready: a key policy for
/// <c>Kavach:Gateway:ApplicationId</c> when it has none (MOSIP's defaults for a module: 1095 days, 60 days before expiry
/// — as IDA's own deployment adds one; an operator's policy is never changed), then the module key, <c>&lt;APP&gt;/SIGN</c>
/// and the encryption key <c>&lt;APP&gt;/&lt;ref&gt;</c>, so the first partner request does not pay for key generation.
/// A fault is logged and retried; requests meanwhile get 503 <c>KER-PCH-003</c>.
/// </summary>
internal sealed partial class GatewayApplicationKeys : BackgroundService
{
    private const int DefaultValidityDays = 1095;
    private const int DefaultPreExpireDays = 60;
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(30);

    private readonly GatewaySettings _settings;
    private readonly KavachReadiness _readiness;
    private readonly KeyPolicyCatalog _policies;
    private readonly KeyRing _ring;
    private readonly IKeyStore _store;
    private readonly IChannelSigner _signer;
    private readonly IChannelDecryptor _decryptor;
    private readonly TimeProvider _time;
    private readonly ILogger<GatewayApplicationKeys> _logger;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GatewayApplicationKeys(GatewaySettings settings, KavachReadiness readiness, KeyPolicyCatalog policies, KeyRing ring, IKeyStore store, IChannelSigner signer, IChannelDecryptor decryptor, TimeProvider time, ILogger<GatewayApplicationKeys> logger)
    {
        _settings = settings;
        _readiness = readiness;
        _policies = policies;
        _ring = ring;
        _store = store;
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
        if (await _policies.FindAsync(_settings.ApplicationId, cancellationToken) is null)
        {
            await _store.UpsertPolicyAsync(new KeyPolicy(_settings.ApplicationId, DefaultValidityDays, DefaultPreExpireDays, IsActive: true, AccessAllowed: "NA"), cancellationToken);
            _policies.Invalidate();
            LogPolicyAdded(_logger, _settings.ApplicationId);
        }

        // The module key issues <APP>/SIGN; like MOSIP's start-up keys it is made when missing, never replaced here.
        var module = await _ring.Generator.GenerateAsync(_settings.ApplicationId, string.Empty, SubjectRequest.Empty, force: false, cancellationToken);
        if (!module.IsSuccess)
        {
            throw new InvalidOperationException($"The module key of {_settings.ApplicationId} cannot be made ({module.Error.Code}).");
        }

        // The encryption key is a database base key, made on first use as onboarding does; later reads never create one.
        var encryption = await _ring.Generator.GenerateAsync(_settings.ApplicationId, _settings.EncryptionReferenceId, SubjectRequest.Empty, force: false, cancellationToken);
        if (!encryption.IsSuccess)
        {
            throw new InvalidOperationException($"The encryption key {_settings.ApplicationId}/{_settings.EncryptionReferenceId} cannot be made ({encryption.Error.Code}).");
        }

        _ = await _signer.GetCertificateAsync(cancellationToken);
        _ = await _decryptor.GetCertificateAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Key policy for {ApplicationId} added with MOSIP's module defaults")]
    private static partial void LogPolicyAdded(ILogger logger, string applicationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signature and encryption keys of {ApplicationId} ready")]
    private static partial void LogReady(ILogger logger, string applicationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Keys of {ApplicationId} not ready ({Fault}); retrying")]
    private static partial void LogFailed(ILogger logger, string applicationId, string fault, Exception exception);
}
