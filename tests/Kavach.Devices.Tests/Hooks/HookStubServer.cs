using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Hooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Tests.Hooks;

/// <summary>
/// A stand-in for MOSIP PMS and the IDA hotlist: Kestrel on a loopback port that checks every request's signature with
/// <see cref="HookSignatureVerifier"/> against the pinned ROOT (401 when it fails), records what it accepted, and answers
/// with the statuses a test queues (200 when none is queued).
/// </summary>
public sealed class HookStubServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _statuses = new();

    private HookStubServer(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Path, byte[] Body, string IdempotencyKey)> Accepted { get; } = new();

    public ConcurrentQueue<string> Refused { get; } = new();

    public int Requests => Accepted.Count + Refused.Count;

    public Uri BaseUri { get; private set; } = null!;

    public static async Task<HookStubServer> StartAsync(X509Certificate2 pinnedRoot, TimeProvider time)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var stub = new HookStubServer(app);
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var problem = HookSignatureVerifier.Verify(context.Request.Headers[HookSigner.Header], body, pinnedRoot, time.GetUtcNow());
            if (problem is not null)
            {
                stub.Refused.Enqueue(problem);
                return Results.StatusCode(401);
            }

            var status = stub._statuses.TryDequeue(out var queued) ? queued : 200;
            if (status is >= 200 and < 300)
            {
                stub.Accepted.Enqueue((context.Request.Path.Value!, body, context.Request.Headers["Idempotency-Key"].ToString()));
            }
            else
            {
                stub.Refused.Enqueue("HTTP " + status);
            }

            return Results.StatusCode(status);
        });
        await app.StartAsync();
        stub.BaseUri = new Uri(app.Urls.First());
        return stub;
    }

    /// <summary>The next requests get these statuses, in order.</summary>
    public void Answer(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _statuses.Enqueue(status);
        }
    }

    public Uri Url(string path) => new(BaseUri, path);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
