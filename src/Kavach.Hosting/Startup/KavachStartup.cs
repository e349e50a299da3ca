using Kavach.Hosting.Composition;
using Kavach.Hosting.Configuration;
using Kavach.Hosting.Tokens;
using Kavach.Keys.Audit;
using Kavach.Keys.Management;
using Kavach.Keys.Vault;
using Kavach.Keys.ZeroKnowledge;
using Kavach.Storage;
using Microsoft.Extensions.Hosting;
using Polly;
using Polly.Retry;

namespace Kavach.Hosting.Startup;

/// <summary>
/// Creates the start-up keys, the zero-knowledge pool and the admin token, then declares the host ready. While the
/// database or vault is unreachable it retries with back-off, so a host started before its database recovers by
/// itself; a configuration fault found on the way stops the host with one line naming the setting.
/// </summary>
public sealed partial class KavachStartup : BackgroundService
{
    private readonly IServiceProvider _services;
    private readonly KavachOptions _options;
    private readonly KavachReadiness _readiness;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<KavachStartup> _logger;
    private readonly ResiliencePipeline _retry;
    private AuditScope? _startupAudit;

    /// <summary>Creates the service.</summary>
    public KavachStartup(IServiceProvider services, IOptions<KavachOptions> options, KavachReadiness readiness, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<KavachStartup> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _services = services;
        _options = options.Value;
        _readiness = readiness;
        _lifetime = lifetime;
        _logger = logger;
        _retry = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException && ConfigurationFaults.Describe(e) is null),
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(250),
                MaxDelay = TimeSpan.FromSeconds(30),
                MaxRetryAttempts = int.MaxValue,
                UseJitter = true,
                OnRetry = args =>
                {
                    var fault = args.Outcome.Exception!;
                    _readiness.SetStatus($"start-up failed ({fault.GetType().Name}); retrying");

                    // Expected while the database or HSM is away: one line. Anything else may be a bug: its stack trace.
                    if (fault is KeyVaultUnavailableException or KeyStoreUnavailableException or AuditUnavailableException or TimeoutException)
                    {
                        LogStartRetry(_logger, fault.GetType().Name, fault.Message, args.RetryDelay.TotalSeconds);
                    }
                    else
                    {
                        LogStartFailure(_logger, fault.GetType().Name, args.RetryDelay.TotalSeconds, fault);
                    }

                    return default;
                },
            })
            .Build();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _retry.ExecuteAsync(async ct => await StartOnceAsync(ct), stoppingToken);
            _readiness.SetReady();
            LogReady(_logger, _options.DataDirectory, _services.GetRequiredService<IKeyVault>().Kind);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down before the start completed.
        }
        catch (Exception e) when (ConfigurationFaults.Describe(e) is { } configuration)
        {
            _readiness.SetStatus("configuration error");
            LogConfigurationError(_logger, configuration.Message);
            Environment.ExitCode = 2;
            _lifetime.StopApplication();
        }
    }

    private async Task StartOnceAsync(CancellationToken cancellationToken)
    {
        // Keys made at start-up are recorded as SYSTEM key.generate records; the scope outlives a failed attempt, so
        // keys made before a failure are still recorded by the retry.
        _startupAudit ??= new AuditScope();
        AuditScope.Enter(_startupAudit);
        try
        {
            var results = await _services.GetRequiredService<KeyBootstrapper>().RunAsync(force: false, progress: null, cancellationToken);
            foreach (var (appId, refId, error) in results.Where(r => r.Error is not null))
            {
                LogBootstrapFailure(_logger, appId, refId, error!.Code, error.Message);
            }

            var zeroKnowledge = _options.ZeroKnowledge;
            if (zeroKnowledge.PoolSize > 0)
            {
                var pool = await _services.GetRequiredService<ZkKeyPool>().GenerateAsync(zeroKnowledge.PoolSize, cancellationToken);
                if (!pool.IsSuccess)
                {
                    LogBootstrapFailure(_logger, zeroKnowledge.MasterApplicationId, zeroKnowledge.MasterReferenceId, pool.Error.Code, pool.Error.Message);
                }
            }

            // Written (or refreshed) before readiness, by the same path AdminTokenRefresher keeps it fresh with:
            // whoever sees the host ready finds a valid token.
            var tokens = _services.GetRequiredService<AdminTokens>();
            var token = await tokens.EnsureAsync(cancellationToken);
            if (!token.IsSuccess)
            {
                LogAdminTokenRefused(_logger, token.Error.Code, token.Error.Message);
            }
            else if (token.Value is AdminTokenOutcome.Created or AdminTokenOutcome.Renewed)
            {
                LogAdminTokenWritten(_logger, tokens.FilePath, token.Value.ToString());
            }

            await RecordStartupKeysAsync(_startupAudit, cancellationToken);
            _startupAudit = null;
        }
        finally
        {
            AuditScope.Enter(null);
        }
    }

    private async Task RecordStartupKeysAsync(AuditScope scope, CancellationToken cancellationToken)
    {
        if (!_options.Audit.Enabled || scope.GeneratedKeys.Count == 0)
        {
            return;
        }

        var cause = new AuditEntry
        {
            Time = _services.GetRequiredService<KeyRing>().Now,
            Actor = "SYSTEM",
            Operation = "system.bootstrap",
            Outcome = AuditOutcomes.Success,
        };
        await _services.GetRequiredService<AuditTrail>().AppendAllAsync(scope.GeneratedKeyEntries(cause), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kavach ready: data directory {DataDir}, vault {VaultKind}")]
    private static partial void LogReady(ILogger logger, string dataDir, string vaultKind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin token written to {Path} (mode 0600, {Outcome}). Send it as 'Authorization: Bearer <token>'.")]
    private static partial void LogAdminTokenWritten(ILogger logger, string path, string outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Admin token not written at start-up: {Code} {Message}")]
    private static partial void LogAdminTokenRefused(ILogger logger, string code, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Start-up key {AppId}/{RefId} not created: {Code} {Message}")]
    private static partial void LogBootstrapFailure(ILogger logger, string appId, string refId, string code, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Start-up waits for the database or vault ({Kind}: {Reason}); retrying in {Seconds:0.#} s")]
    private static partial void LogStartRetry(ILogger logger, string kind, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Start-up failed ({Kind}); retrying in {Seconds:0.#} s")]
    private static partial void LogStartFailure(ILogger logger, string kind, double seconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Configuration error, stopping: {Problem}")]
    private static partial void LogConfigurationError(ILogger logger, string problem);
}
