using System.Collections.Concurrent;
using Kavach.Devices.Policy;
using Kavach.Devices.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Server.Tests;

/// <summary>
/// The daily policy job at start: it waits for the host's readiness (the key hierarchy, the device CA), so a start logs
/// no failure of the start order, and it still runs its first pass once ready.
/// </summary>
public sealed class DailyPolicyStartTests
{
    [Fact]
    public async Task A_start_logs_no_policy_error_and_the_first_run_completes_once_ready()
    {
        var log = new CapturingLoggerProvider();

        // Not the test PKI: the server's own device CA, which the start makes (the order the job used to race).
        await using var host = await DeviceServerHost.StartAsync(
            extraArgs: ["--Kavach:DeviceServer:Operations:Policy:RunAtUtcHour=0", "--Logging:LogLevel:Kavach.Devices.Policy=Information"],
            configure: services => services.AddSingleton<ILoggerProvider>(log));
        var runs = host.Services.GetRequiredService<IDailyJobRunStore>();
        var today = DateOnly.FromDateTime(host.Time.GetUtcNow().UtcDateTime);

        DailyJobRun? run = null;
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(90) && run?.Outcome is null; waited += TimeSpan.FromMilliseconds(200))
        {
            run = await runs.GetRunAsync(DailyPolicyJob.JobName, today, CancellationToken.None);
            await Task.Delay(200);
        }

        Assert.NotNull(run);
        Assert.True(run.Outcome == "OK", $"outcome {run.Outcome}: {run.Summary}\n{log.Text}");
        Assert.Contains(log.Lines, line => line.Category == typeof(DailyPolicyJob).FullName && line.Message.StartsWith("Daily device policy report", StringComparison.Ordinal));
        var errors = log.Lines.Where(line => line.Level >= LogLevel.Error && (line.Category.StartsWith("Kavach.Devices.Policy", StringComparison.Ordinal) || line.Category.EndsWith("DeviceBackgroundJobs", StringComparison.Ordinal))).ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    private sealed record LogLine(string Category, LogLevel Level, string Message)
    {
        public override string ToString() => $"{Category} {Level}: {Message}";
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<LogLine> _lines = new();

        public IReadOnlyCollection<LogLine> Lines => _lines;

        public string Text => string.Join('\n', _lines);

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<LogLine> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(new LogLine(category, logLevel, formatter(state, exception) + (exception is null ? string.Empty : " " + exception.GetType().Name + ": " + exception.Message)));
        }
    }
}
