using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kavach.Gateway.Tests.Support;

/// <summary>The protected service of the tests: a tiny Kestrel app on loopback that counts and keeps what reaches it and answers with JSON.</summary>
internal sealed class TestBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _count;

    private readonly TimeProvider _time;

    private TestBackend(WebApplication app, TimeProvider time)
    {
        _app = app;
        _time = time;
    }

    /// <summary>Requests that reached the backend.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Every request that reached the backend, in order.</summary>
    public ConcurrentQueue<BackendRequest> Requests { get; } = new();

    /// <summary>The backend's base address.</summary>
    public Uri Address => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<TestBackend> StartAsync(TimeProvider time)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var backend = new TestBackend(app, time);
        app.Run(backend.HandleAsync);
        await app.StartAsync();
        return backend;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.Select(v => v ?? string.Empty).ToArray(), StringComparer.OrdinalIgnoreCase);
        Requests.Enqueue(new BackendRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body, context.Request.ContentType));
        Interlocked.Increment(ref _count);
        context.Response.ContentType = "application/json";
        var partner = context.Request.Headers["X-Kavach-Partner-Id"].ToString();
        await context.Response.WriteAsync($$$"""{"transactionID":"{{{TransactionId(body)}}}","responseTime":"{{{MosipNow()}}}","response":{"partner":"{{{partner}}}","length":{{{body.Length}}}}}""");
    }

    // The mosip profile's SDK checks responseTime against its window and transactionID against its request, as IDA answers.
    private string MosipNow() => _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string TransactionId(string body)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("transactionID", out var id) ? id.GetString() ?? string.Empty : string.Empty;
        }
        catch (System.Text.Json.JsonException)
        {
            return string.Empty;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request as the backend received it.</summary>
internal sealed record BackendRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string[]> Headers, string Body, string? ContentType)
{
    /// <summary>Every value of a header, comma-joined (null when absent), so a smuggled second value shows.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var values) ? string.Join(",", values) : null;
}
