using Kavach.Hosting.Configuration;
using Kavach.Hosting.Tokens;
using Microsoft.Extensions.Hosting;

namespace Kavach.Hosting.Startup;

/// <summary>
/// Writes the admin token once the host is ready and keeps it fresh (re-checked every eighth of its lifetime).
/// Readiness (<c>/health/ready</c>) waits for the first write, so whoever sees "UP" finds the token in place.
/// </summary>
public sealed partial class AdminTokenRefresher : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private readonly KavachReadiness _readiness;
    private readonly AdminTokens _tokens;
    private readonly KavachOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AdminTokenRefresher> _logger;
    private readonly TaskCompletionSource _adminTokenReady = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates the service.</summary>
    public AdminTokenRefresher(KavachReadiness readiness, AdminTokens tokens, IOptions<KavachOptions> options, TimeProvider time, ILogger<AdminTokenRefresher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _readiness = readiness;
        _tokens = tokens;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Completes when the admin token has been written (or checked) once, or at once when it is turned off.</summary>
    public Task AdminTokenReady => _adminTokenReady.Task;

    /// <summary>Waits up to <paramref name="limit"/> for the first admin token once the host is ready; never throws on timeout.</summary>
    public async Task WaitForAdminTokenAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        if (!_readiness.IsReady || AdminTokenReady.IsCompleted)
        {
            return;
        }

        await Task.WhenAny(AdminTokenReady, Task.Delay(limit, _time, cancellationToken));
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var issuer = _options.Security.LocalIssuer;
        if (!issuer.Enabled || !issuer.WriteAdminToken)
        {
            _adminTokenReady.TrySetResult();
            return;
        }

        var interval = TimeSpan.FromTicks(Math.Clamp(issuer.AdminTokenLifetime.Ticks / 8, TimeSpan.FromMinutes(1).Ticks, TimeSpan.FromHours(1).Ticks));
        try
        {
            await _readiness.WhenReady(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                var delay = interval;
                try
                {
                    var result = await _tokens.EnsureAsync(stoppingToken);
                    if (result.IsSuccess)
                    {
                        if (result.Value is AdminTokenOutcome.Created or AdminTokenOutcome.Renewed)
                        {
                            LogWritten(_logger, _tokens.FilePath, result.Value.ToString());
                        }

                        _adminTokenReady.TrySetResult();
                    }
                    else
                    {
                        LogRefused(_logger, result.Error.Code, result.Error.Message);
                        delay = RetryDelay;
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // the store or vault may fail for a while; keep trying, the server stays up
                catch (Exception e)
#pragma warning restore CA1031
                {
                    LogFailed(_logger, e.GetType().Name, e);
                    delay = RetryDelay;
                }

                await Task.Delay(delay, _time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin token written to {Path} (mode 0600, {Outcome}). Send it as 'Authorization: Bearer <token>'.")]
    private static partial void LogWritten(ILogger logger, string path, string outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Admin token not written: {Code} {Message}")]
    private static partial void LogRefused(ILogger logger, string code, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Admin token not written ({Kind}); retrying")]
    private static partial void LogFailed(ILogger logger, string kind, Exception exception);
}
