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

namespace Kavach.Hosting.Startup;

/// <summary>
/// Creates the start-up keys, the zero-knowledge pool and the admin token, then declares the host ready. While the
/// database or vault is unreachable it retries with back-off, so a host started before its database recovers by
/// itself; a configuration fault found on the way stops the host with one line naming the setting.
/// </summary>
public sealed partial class KavachStartup : BackgroundService
{
    private readonly KeyBootstrapper _bootstrapper;
    private readonly ZkKeyPool _zkPool;
    private readonly AdminTokens _adminTokens;
    private readonly AuditTrail _audit;
    private readonly IKeyVault _vault;
    private readonly KavachOptions _options;
    private readonly KavachReadiness _readiness;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly TimeProvider _time;
    private readonly ILogger<KavachStartup> _logger;
    private readonly ResiliencePipeline _retry;
    private AuditScope? _startupAudit;

    /// <summary>Creates the service (nothing here touches the database or the vault).</summary>
    public KavachStartup(
        KeyBootstrapper bootstrapper,
        ZkKeyPool zkPool,
        AdminTokens adminTokens,
        AuditTrail audit,
        IKeyVault vault,
        IOptions<KavachOptions> options,
        KavachReadiness readiness,
        IHostApplicationLifetime lifetime,
        TimeProvider time,
        ILogger<KavachStartup> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _bootstrapper = bootstrapper;
        _zkPool = zkPool;
        _adminTokens = adminTokens;
        _audit = audit;
        _vault = vault;
        _options = options.Value;
        _readiness = readiness;
        _lifetime = lifetime;
        _time = time;
        _logger = logger;
        _retry = RetryUntilDone.Create(time, TimeSpan.FromMilliseconds(250), e => ConfigurationFaults.Describe(e) is null, OnRetry);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _retry.ExecuteAsync(async ct => await StartOnceAsync(ct), stoppingToken);
            _readiness.SetReady();
            LogReady(_logger, _options.DataDirectory, _vault.Kind);
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
            var results = await _bootstrapper.RunAsync(force: false, progress: null, cancellationToken);
            foreach (var (appId, refId, error) in results.Where(r => r.Error is not null))
            {
                LogBootstrapFailure(_logger, appId, refId, error!.Code, error.Message);
            }

            var zeroKnowledge = _options.ZeroKnowledge;
            if (zeroKnowledge.PoolSize > 0)
            {
                var pool = await _zkPool.GenerateAsync(zeroKnowledge.PoolSize, cancellationToken);
                if (!pool.IsSuccess)
                {
                    LogBootstrapFailure(_logger, zeroKnowledge.MasterApplicationId, zeroKnowledge.MasterReferenceId, pool.Error.Code, pool.Error.Message);
                }
            }

            // Written (or refreshed) before readiness, by the same path AdminTokenRefresher keeps it fresh with:
            // whoever sees the host ready finds a valid token.
            var token = await _adminTokens.EnsureAsync(cancellationToken);
            if (!token.IsSuccess)
            {
                LogAdminTokenRefused(_logger, token.Error.Code, token.Error.Message);
            }
            else if (token.Value is AdminTokenOutcome.Created or AdminTokenOutcome.Renewed)
            {
                LogAdminTokenWritten(_logger, _adminTokens.FilePath, token.Value.ToString());
            }

            await RecordStartupKeysAsync(_startupAudit, cancellationToken);
            _startupAudit = null;
        }
        finally
        {
            AuditScope.Enter(null);
        }
    }

    private void OnRetry(Exception fault, TimeSpan delay)
    {
        _readiness.SetStatus($"start-up failed ({fault.GetType().Name}); retrying");

        // Expected while the database or HSM is away: one line. Anything else may be a bug: its stack trace.
        if (fault is KeyVaultUnavailableException or KeyStoreUnavailableException or AuditUnavailableException or TimeoutException)
        {
            LogStartRetry(_logger, fault.GetType().Name, fault.Message, delay.TotalSeconds);
        }
        else
        {
            LogStartFailure(_logger, fault.GetType().Name, delay.TotalSeconds, fault);
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
            Time = _time.GetUtcNow().UtcDateTime,
            Actor = "SYSTEM",
            Operation = "system.bootstrap",
            Outcome = AuditOutcomes.Success,
        };
        await _audit.AppendAllAsync(scope.GeneratedKeyEntries(cause), cancellationToken);
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
