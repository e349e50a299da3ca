using Kavach.Keys.Audit;
using Kavach.Hosting.Configuration;
using Kavach.Server.Security.Tokens;
using Microsoft.Extensions.Options;
using Kavach.Hosting.Tokens;
using Kavach.Hosting.Files;

namespace Kavach.Server.Composition;

/// <summary>
/// Opens the database and vault, creates the start-up keys and the admin token, retrying with back-off while the
/// database or vault is unreachable, so a server started before its database recovers by itself.
/// </summary>
public sealed partial class RuntimeStarter : BackgroundService
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    private readonly RuntimeHolder _holder;
    private readonly KavachOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger<RuntimeStarter> _logger;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private KavachRuntime? _runtime;
    private AuditScope? _startupAudit;

    /// <summary>Creates the starter.</summary>
    public RuntimeStarter(RuntimeHolder holder, IOptions<KavachOptions> options, TimeProvider time, ILoggerFactory loggers)
    {
        _holder = holder;
        _options = options.Value;
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger<RuntimeStarter>();
    }

    /// <summary>Completes when the runtime is open (tests and the CLI wait on it).</summary>
    public Task Started => _started.Task;

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_runtime is not null)
        {
            await _runtime.DisposeAsync();
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _runtime ??= await KavachRuntime.OpenAsync(_options, _time, _loggers, stoppingToken);

                // Keys made at start-up are recorded as SYSTEM key.generate records; the scope outlives a failed
                // attempt, so keys made before a failure are still recorded by the retry.
                _startupAudit ??= new AuditScope();
                AuditScope.Enter(_startupAudit);
                var results = await _runtime.Bootstrapper.RunAsync(force: false, progress: null, stoppingToken);
                foreach (var (appId, refId, error) in results.Where(r => r.Error is not null))
                {
                    LogBootstrapFailure(_logger, appId, refId, error!.Code, error.Message);
                }

                if (_options.ZeroKnowledge.PoolSize > 0)
                {
                    var pool = await _runtime.ZkPool.GenerateAsync(_options.ZeroKnowledge.PoolSize, stoppingToken);
                    if (!pool.IsSuccess)
                    {
                        LogBootstrapFailure(_logger, _options.ZeroKnowledge.MasterApplicationId, _options.ZeroKnowledge.MasterReferenceId, pool.Error.Code, pool.Error.Message);
                    }
                }

                // The admin token is written (or refreshed) here, before readiness, on every vault type, by the same
                // path SecurityStartup keeps it fresh with: whoever sees the server ready finds a valid token.
                var token = await _runtime.EnsureAdminTokenAsync(stoppingToken);
                if (!token.IsSuccess)
                {
                    LogAdminTokenRefused(_logger, token.Error.Code, token.Error.Message);
                }
                else if (token.Value is AdminTokenOutcome.Created or AdminTokenOutcome.Renewed)
                {
                    LogAdminTokenWritten(_logger, Path.Combine(_options.DataDirectory, AdminToken.FileName), token.Value.ToString());
                }

                await RecordStartupKeysAsync(_runtime, _startupAudit, stoppingToken);
                AuditScope.Enter(null);
                _startupAudit = null;
                _holder.SetReady(_runtime);
                LogReady(_logger, _options.DataDirectory, _runtime.Vault.Kind);
                _started.TrySetResult();
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // start-up must survive any failure of the database or vault and retry
            catch (Exception e)
#pragma warning restore CA1031
            {
                _holder.SetStatus($"start-up failed ({e.GetType().Name}); retrying");
                LogStartFailure(_logger, e.GetType().Name, delay.TotalSeconds, e);
                await Task.Delay(delay, _time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
    }

    private async Task RecordStartupKeysAsync(KavachRuntime runtime, AuditScope scope, CancellationToken cancellationToken)
    {
        if (!_options.Audit.Enabled || scope.GeneratedKeys.Count == 0)
        {
            return;
        }

        var cause = new AuditEntry
        {
            Time = runtime.Ring.Now,
            Actor = "SYSTEM",
            Operation = "system.bootstrap",
            Outcome = AuditOutcomes.Success,
        };
        await runtime.Audit.AppendAllAsync(scope.GeneratedKeyEntries(cause), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kavach ready: data directory {DataDir}, vault {VaultKind}")]
    private static partial void LogReady(ILogger logger, string dataDir, string vaultKind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin token written to {Path} (mode 0600, {Outcome}). Send it as 'Authorization: Bearer <token>'.")]
    private static partial void LogAdminTokenWritten(ILogger logger, string path, string outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Admin token not written at start-up: {Code} {Message}")]
    private static partial void LogAdminTokenRefused(ILogger logger, string code, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Start-up key {AppId}/{RefId} not created: {Code} {Message}")]
    private static partial void LogBootstrapFailure(ILogger logger, string appId, string refId, string code, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Start-up failed ({Kind}); retrying in {Seconds} s")]
    private static partial void LogStartFailure(ILogger logger, string kind, double seconds, Exception exception);
}
