using System.Net;
using System.Net.Http.Headers;
using Kavach.Keys.Audit;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Kavach.Devices.Hooks;

/// <summary>
/// Delivers due outbox rows: claims each (so replicas never send one attempt twice), signs the body
/// (<see cref="HookSigner"/>), POSTs it with quick Polly retries for transient failures, then records the outcome —
/// Delivered on 2xx, Failed on a permanent refusal (4xx other than 408/429) or after <see cref="HookOptions.MaxAttempts"/>,
/// else Pending again after an exponential back-off. A crash between claim and outcome leaves the row Pending; it is
/// due again when the claim lease ends, so nothing is lost across restarts. Receivers get the delivery id in the
/// <c>Idempotency-Key</c> header to drop repeats.
/// </summary>
public sealed partial class HookDispatcher
{
    /// <summary>The audit operation of each delivery attempt's outcome.</summary>
    public const string AuditOperation = "device.hook";

    private readonly IHookOutboxStore _outbox;
    private readonly HookSigner _signer;
    private readonly HttpClient _http;
    private readonly HookOptions _options;
    private readonly TimeProvider _time;
    private readonly AuditTrail? _audit;
    private readonly ILogger<HookDispatcher> _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    /// <summary>Creates the dispatcher; <paramref name="http"/> is used for every request (the host owns it).</summary>
    public HookDispatcher(IHookOutboxStore outbox, HookSigner signer, HttpClient http, HookOptions options, TimeProvider time, AuditTrail? audit, ILogger<HookDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _outbox = outbox;
        _signer = signer;
        _http = http;
        _options = options;
        _time = time;
        _audit = audit;
        _logger = logger;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.InlineRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.InlineRetries,
                Delay = options.InlineRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(response => IsTransient(response.StatusCode)),
            });
        }

        _pipeline = builder.AddTimeout(options.RequestTimeout).Build();
    }

    /// <summary>Sends every delivery due now (up to <see cref="HookOptions.BatchSize"/>); returns how many were delivered.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        foreach (var delivery in await _outbox.ListDueAsync(_time.GetUtcNow(), _options.BatchSize, cancellationToken))
        {
            var now = _time.GetUtcNow();
            if (!await _outbox.TryClaimAsync(delivery.Id, delivery.Attempts, now, now + _options.ClaimLease, cancellationToken))
            {
                continue;
            }

            if (await AttemptAsync(delivery with { Attempts = delivery.Attempts + 1 }, cancellationToken))
            {
                delivered++;
            }
        }

        return delivered;
    }

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private async Task<bool> AttemptAsync(HookDelivery delivery, CancellationToken cancellationToken)
    {
        var url = _options.UrlOf(delivery.Kind);
        int? status = null;
        string? error;
        var permanent = false;
        if (url is null)
        {
            error = "no URL configured";
            permanent = true;
        }
        else
        {
            try
            {
                var signature = await _signer.SignAsync(delivery.Body, cancellationToken);
                using var response = await _pipeline.ExecuteAsync(
                    async ct =>
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(delivery.Body) };
                        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                        request.Headers.TryAddWithoutValidation(HookSigner.Header, signature);
                        request.Headers.TryAddWithoutValidation("Idempotency-Key", delivery.Id);
                        return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                    },
                    cancellationToken);
                status = (int)response.StatusCode;
                error = response.IsSuccessStatusCode ? null : "HTTP " + status;
                permanent = !response.IsSuccessStatusCode && !IsTransient(response.StatusCode);
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                error = e.GetType().Name;
            }
        }

        var now = _time.GetUtcNow();
        HookDeliveryState state;
        DateTimeOffset next = now;
        if (error is null)
        {
            state = HookDeliveryState.Delivered;
        }
        else if (permanent || delivery.Attempts >= _options.MaxAttempts)
        {
            state = HookDeliveryState.Failed;
        }
        else
        {
            state = HookDeliveryState.Pending;
            next = now + Backoff(delivery.Attempts);
        }

        await _outbox.CompleteAttemptAsync(delivery.Id, state, next, status, error, cancellationToken);
        LogAttempt(_logger, delivery.Kind, delivery.Id, delivery.Subject, delivery.Attempts, state, status);
        if (_audit is not null)
        {
            await _audit.AppendAsync(
                new AuditEntry
                {
                    Time = now.UtcDateTime,
                    Actor = "SYSTEM",
                    Operation = AuditOperation,
                    KeyRef = "hook:" + delivery.Id,
                    Outcome = state == HookDeliveryState.Delivered ? AuditOutcomes.Success : HookErrors.DeliveryFailed.Code,
                    HttpStatus = status,
                    Detail = $"kind={delivery.Kind} serial={delivery.Subject} attempt={delivery.Attempts} state={state}",
                },
                cancellationToken);
        }

        return state == HookDeliveryState.Delivered;
    }

    private TimeSpan Backoff(int attempts)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 20));
        var wait = TimeSpan.FromTicks((long)Math.Min(_options.FirstBackoff.Ticks * factor, _options.MaxBackoff.Ticks));
        return wait < TimeSpan.Zero ? _options.MaxBackoff : wait;
    }

    [LoggerMessage(EventId = 1612, Level = LogLevel.Information, Message = "Hook {Kind} delivery {Id} for device {SerialNo}: attempt {Attempt} → {State} (HTTP {Status}).")]
    private static partial void LogAttempt(ILogger logger, HookKind kind, string id, string serialNo, int attempt, HookDeliveryState state, int? status);
}
