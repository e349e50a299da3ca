using System.Net;
using System.Text.Json.Nodes;
using Kavach.PartnerChannel.Keys;
using Kavach.PartnerChannel.Partners;
using Kavach.Testing.PartnerChannel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kavach.PartnerChannel.Tests.Interop;

/// <summary>
/// Our <c>PartnerChannelMiddleware</c> in a Kestrel host over real TLS on loopback, in front of a backend that counts
/// what reaches it: <c>POST /echo</c> answers what it received (and the request's <c>transactionID</c>, as IDA does),
/// <c>GET /whoami</c> the partner id header.
/// </summary>
internal sealed class ChannelTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CertificateChannelKeys _keys;
    private int _reached;

    private ChannelTestHost(WebApplication app, CertificateChannelKeys keys)
    {
        _app = app;
        _keys = keys;
    }

    /// <summary>How many requests reached the backend.</summary>
    public int Reached => Volatile.Read(ref _reached);

    /// <summary>The last body the backend received (after the middleware decrypted it).</summary>
    public JsonNode? LastReceived { get; private set; }

    /// <summary>The base URL.</summary>
    public string Url { get; private set; } = string.Empty;

    public static async Task<ChannelTestHost> StartAsync(PartnerChannelPki pki, ChannelProfile profile, params PartnerIdentity[] partners)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UsePartnerChannelHttps(pki.ServerTls.Certificate)));
        var keys = new CertificateChannelKeys(pki.ServerSigning.Certificate, pki.ServerEncryption.Certificate);
        builder.Services.AddPartnerChannelService(options =>
        {
            options.Profile = profile;
            options.ApplicationId = "IDA";
        });
        builder.Services.AddSingleton<IPartnerResolver>(new TestPartnerResolver(pki, partners));
        builder.Services.AddSingleton<IChannelSigner>(keys);
        builder.Services.AddSingleton<IChannelDecryptor>(keys);
        var app = builder.Build();
        var host = new ChannelTestHost(app, keys);
        app.UsePartnerChannel();
        app.MapPost("/echo", async (HttpContext context) =>
        {
            Interlocked.Increment(ref host._reached);
            var received = await JsonNode.ParseAsync(context.Request.Body);
            host.LastReceived = received;
            return Results.Json(new JsonObject
            {
                ["transactionID"] = received?["transactionID"]?.DeepClone(),
                ["responseTime"] = TimeProvider.System.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["partner"] = context.Request.Headers[PartnerChannelHeaders.PartnerId].ToString(),
                ["received"] = received?.DeepClone(),
            });
        });
        app.MapGet("/whoami", (HttpContext context) =>
        {
            Interlocked.Increment(ref host._reached);
            return Results.Json(new JsonObject { ["partner"] = context.Request.Headers[PartnerChannelHeaders.PartnerId].ToString() });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.Url = new Uri(address).GetLeftPart(UriPartial.Authority).Replace("[::1]", "127.0.0.1", StringComparison.Ordinal);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _keys.Dispose();
    }
}
