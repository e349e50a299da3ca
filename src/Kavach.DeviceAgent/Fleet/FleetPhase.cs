using System.Collections.Concurrent;

namespace Kavach.DeviceAgent.Fleet;

/// <summary>
/// Runs one operation per device with bounded concurrency and measures it on the monotonic timestamp (no clock reads,
/// no sleeps): a device's failure is counted and kept, never stops the others.
/// </summary>
internal static class FleetPhase
{
    public static async Task<FleetPhaseResult> RunAsync(string phase, IReadOnlyList<string> serials, int concurrency, int keptErrors, Func<int, CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        var latencies = new TimeSpan[serials.Count];
        var errors = new ConcurrentQueue<(int Index, FleetError Error)>();
        var started = TimeProvider.System.GetTimestamp();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, concurrency), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, serials.Count), options, async (index, ct) =>
        {
            var begun = TimeProvider.System.GetTimestamp();
            try
            {
                await operation(index, ct).ConfigureAwait(false);
            }
            catch (AgentException failure)
            {
                errors.Enqueue((index, new FleetError(serials[index], failure.Code, failure.Message)));
            }
            catch (Exception fault) when (fault is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // A fault (I/O, a bug) is still one device's failure: the run reports it with the others.
                errors.Enqueue((index, new FleetError(serials[index], fault.GetType().Name, fault.Message)));
            }

            latencies[index] = TimeProvider.System.GetElapsedTime(begun);
        }).ConfigureAwait(false);
        var wall = TimeProvider.System.GetElapsedTime(started);

        var failed = errors.OrderBy(e => e.Index).Select(e => e.Error).ToList();
        var byCode = failed.GroupBy(e => e.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Array.Sort(latencies);
        return new FleetPhaseResult(phase, serials.Count, failed.Count, byCode, [.. failed.Take(keptErrors)], wall, Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99));
    }

    // Nearest rank: the smallest latency at or above the fraction of the sorted values.
    private static TimeSpan Percentile(TimeSpan[] sorted, double fraction) =>
        sorted.Length == 0 ? TimeSpan.Zero : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
}
