using Kavach.Keys.Vault;
using Kavach.Hosting.Startup;
using Kavach.Hosting.Configuration;
using Microsoft.Extensions.Options;

namespace Kavach.Hosting.Web.Health;

/// <summary>
/// Keeps the <see cref="VaultHealthGate"/> true to the vault: asks the vault for its status every
/// <see cref="VaultOptions.HealthCheckSeconds"/>, and at once whenever something closed the gate (a vault call failed),
/// so a passing fault (all sessions busy) reopens it within one probe and a pulled HSM keeps it closed.
/// </summary>
internal sealed partial class VaultHealthMonitor : BackgroundService
{
    private readonly KavachReadiness _readiness;
    private readonly VaultHealthGate _gate;
    private readonly IKeyVault _vault;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly ILogger<VaultHealthMonitor> _logger;
    private readonly SemaphoreSlim _wake = new(0, 1);

    public VaultHealthMonitor(KavachReadiness readiness, VaultHealthGate gate, IKeyVault vault, IOptions<KavachOptions> options, TimeProvider time, ILogger<VaultHealthMonitor> logger)
    {
        _readiness = readiness;
        _gate = gate;
        _vault = vault;
        _time = time;
        var seconds = options.Value.Vault.HealthCheckSeconds;
        _interval = seconds > 0 ? TimeSpan.FromSeconds(seconds) : Timeout.InfiniteTimeSpan;
        _logger = logger;
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _readiness.WhenReady(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var gate = _gate;
        gate.Closed += OnClosed;
        gate.ProbeRequested += Wake;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                using (var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
                {
                    var delay = Task.Delay(_interval, _time, tick.Token);
                    await Task.WhenAny(delay, _wake.WaitAsync(tick.Token));
                    await tick.CancelAsync();
                }

                if (stoppingToken.IsCancellationRequested)
                {
                    return;
                }

                await ProbeAsync(_vault, gate, stoppingToken);
            }
        }
        finally
        {
            gate.Closed -= OnClosed;
            gate.ProbeRequested -= Wake;
        }
    }

    private async Task ProbeAsync(IKeyVault vault, VaultHealthGate gate, CancellationToken stoppingToken)
    {
        var wasOpen = gate.IsOpen;
        VaultStatus status;
        try
        {
            status = await vault.GetStatusAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
#pragma warning disable CA1031 // a probe that fails is an unavailable vault, whatever the fault
        catch (Exception e)
#pragma warning restore CA1031
        {
            status = new VaultStatus(false, $"the vault status check failed ({e.GetType().Name})");
        }

        // Closing is logged by OnClosed, whoever closed the gate.
        gate.Report(status);
        if (!wasOpen && status.IsReady)
        {
            LogOpened(_logger);
        }
    }

    private void OnClosed() => LogClosed(_logger, _gate.Reason ?? string.Empty);

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A probe is already due.
        }
        catch (ObjectDisposedException)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Key vault unavailable: {Reason}. Private keys (cached ones too) are not used until it is back.")]
    private static partial void LogClosed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Key vault available again; private-key operations resume.")]
    private static partial void LogOpened(ILogger logger);
}
