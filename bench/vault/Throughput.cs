using System.Diagnostics;

namespace Kavach.Bench.Vault;

/// <summary>Runs an operation on N threads for a fixed time and counts completions.</summary>
internal static class Throughput
{
    /// <summary>
    /// Operations per wall-clock second over <paramref name="seconds"/> (after a short warm-up), and per second of this
    /// process's CPU time (what <c>openssl speed</c> reports, and what other load on the machine does not change).
    /// </summary>
    public static (double PerSecond, double PerCpuSecond) Measure(Action operation, int threads, int seconds)
    {
        for (var i = 0; i < 20; i++)
        {
            operation();
        }

        long total = 0;
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var stop = Stopwatch.GetTimestamp() + (long)(seconds * (double)Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            long count = 0;
            while (Stopwatch.GetTimestamp() < stop)
            {
                operation();
                count++;
            }

            Interlocked.Add(ref total, count);
        })).ToList();
        workers.ForEach(worker => worker.Start());
        workers.ForEach(worker => worker.Join());
        var elapsed = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        return (total / elapsed.TotalSeconds, total / cpu.TotalSeconds);
    }
}
