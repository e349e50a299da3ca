using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Kavach.PartnerChannel.Auditing;
using Kavach.PartnerChannel.Keys;
using Kavach.PartnerChannel.Partners;
using Kavach.PartnerChannel.Replay;
using Kavach.Trust.Channel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Kavach.PartnerChannel.Tests.Support;

/// <summary>
/// A protected service behind the partner channel middleware on real Kestrel TLS (127.0.0.1, a free port). The
/// service echoes what it received and counts every request that reaches it.
/// </summary>
internal sealed class ChannelTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();

    private ChannelTestServer(WebApplication app, Uri address, FakePartnerResolver resolver, RecordingAudit audit, FakeTimeProvider time)
    {
        _app = app;
        Address = address;
        Resolver = resolver;
        Audit = audit;
        Time = time;
    }

    public Uri Address { get; }

    public FakePartnerResolver Resolver { get; }

    public RecordingAudit Audit { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>How many requests reached the protected service.</summary>
    public int Reached => _received.Count;

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    /// <summary>The protected service throws when set.</summary>
    public bool Throws { get; set; }

    /// <summary>The protected service answers with this status (and its echo body) when set.</summary>
    public int? ResponseStatus { get; set; }

    public static async Task<ChannelTestServer> StartAsync(ChannelProfile profile, long maxBodyBytes = 1024 * 1024, IReplayLedger? ledger = null, IChannelDecryptor? decryptor = null)
    {
        TestPki pki = TestPki.Instance;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var resolver = new FakePartnerResolver(pki, pki.PartnerA, pki.PartnerB);
        var audit = new RecordingAudit();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UsePartnerChannelHttps(pki.ServerTls)));
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IPartnerResolver>(resolver);
        builder.Services.AddSingleton<IChannelSigner>(pki.ServerKeys);
        builder.Services.AddSingleton(decryptor ?? pki.ServerKeys);
        builder.Services.AddSingleton<IPartnerChannelAudit>(audit);
        builder.Services.AddSingleton(ledger ?? new InMemoryReplayLedger(time));
        builder.Services.AddPartnerChannelService(options =>
        {
            options.Profile = profile;
            options.MaxBodyBytes = maxBodyBytes;
        });
        WebApplication app = builder.Build();
        ChannelTestServer? server = null;
        app.UsePartnerChannel();
        app.Run(context => server!.EchoAsync(context, profile));
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server = new ChannelTestServer(app, new Uri(address), resolver, audit, time);
        return server;
    }

    private async Task EchoAsync(HttpContext context, ChannelProfile profile)
    {
        using var copy = new MemoryStream();
        await context.Request.Body.CopyToAsync(copy);
        byte[] body = copy.ToArray();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> header in context.Request.Headers)
        {
            headers[header.Key] = header.Value.ToString();
        }

        if (Throws)
        {
            throw new InvalidOperationException("/secret/path/in/exception");
        }

        _received.Enqueue(new ReceivedRequest(context.Request.Method, context.Request.Path.Value ?? string.Empty, headers, body, context.Request.ContentType, context.Features.Get<IPartnerChannelFeature>()));
        context.Response.StatusCode = ResponseStatus ?? 200;
        context.Response.ContentType = "application/json";
        using var output = new MemoryStream();
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteString("id", "echo");
            if (profile == ChannelProfile.Mosip && body.Length > 0)
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.TryGetProperty("transactionID", out JsonElement transaction))
                {
                    writer.WritePropertyName("transactionID");
                    transaction.WriteTo(writer);
                }
            }

            writer.WriteString("responseTime", Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("partner", context.Request.Headers["X-Kavach-Partner-Id"].ToString());
            writer.WriteString("received", Encoding.UTF8.GetString(body));
            writer.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(output.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
