using Polly;
using Polly.Retry;

namespace Kavach.Hosting.Startup;

/// <summary>
/// The retry of work a host must get done eventually (start-up keys, the first audit checkpoint): exponential back-off
/// with jitter up to 30 s on the injected clock, for as long as the host runs, each failure reported to the caller.
/// </summary>
public static class RetryUntilDone
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    /// <summary>A pipeline retrying the failures <paramref name="retries"/> accepts (never a cancellation).</summary>
    public static ResiliencePipeline Create(TimeProvider time, TimeSpan firstDelay, Func<Exception, bool> retries, Action<Exception, TimeSpan> onRetry)
    {
        ArgumentNullException.ThrowIfNull(retries);
        ArgumentNullException.ThrowIfNull(onRetry);
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException && retries(e)),
                BackoffType = DelayBackoffType.Exponential,
                Delay = firstDelay,
                MaxDelay = MaxDelay,
                MaxRetryAttempts = int.MaxValue,
                UseJitter = true,
                OnRetry = args =>
                {
                    onRetry(args.Outcome.Exception!, args.RetryDelay);
                    return default;
                },
            })
            .Build();
    }
}
