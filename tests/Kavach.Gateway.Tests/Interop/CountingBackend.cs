using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Kavach.Gateway.Tests.Interop;

/// <summary>
/// The protected service behind the gateway, plain HTTP on loopback, counting what reaches it: <c>POST /echo</c> answers
/// the JSON it received with the partner headers it was given (and, as IDA, the <c>transactionID</c> and a
/// <c>responseTime</c>); <c>GET /whoami</c> the partner headers.
/// </summary>
internal sealed class CountingBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _reached;

    private CountingBackend(WebApplication app) => _app = app;

    public int Reached => Volatile.Read(ref _reached);

    public JsonNode? LastReceived { get; private set; }

    public string Url { get; private set; } = string.Empty;

    public static async Task<CountingBackend> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var backend = new CountingBackend(app);
        app.MapPost("/echo", async (HttpContext context) =>
        {
            Interlocked.Increment(ref backend._reached);
            var received = await JsonNode.ParseAsync(context.Request.Body);
            backend.LastReceived = received;
            return Results.Json(new JsonObject
            {
                ["transactionID"] = received?["transactionID"]?.DeepClone(),
                ["responseTime"] = TimeProvider.System.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["partnerId"] = context.Request.Headers["X-Kavach-Partner-Id"].ToString(),
                ["domain"] = context.Request.Headers["X-Kavach-Partner-Domain"].ToString(),
                ["received"] = received?.DeepClone(),
            });
        });
        app.MapGet("/whoami", (HttpContext context) =>
        {
            Interlocked.Increment(ref backend._reached);
            return Results.Json(new JsonObject { ["partnerId"] = context.Request.Headers["X-Kavach-Partner-Id"].ToString() });
        });
        await app.StartAsync();
        backend.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return backend;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
