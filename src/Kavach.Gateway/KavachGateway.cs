using Kavach.Gateway.Configuration;
using Kavach.Gateway.Http;
using Kavach.Gateway.Keys;
using Kavach.Gateway.Proxy;
using Kavach.Gateway.Replay;
using Kavach.Hosting.Composition;
using Kavach.Hosting.Configuration;
using Kavach.Hosting.Web.Health;
using Kavach.Hosting.Web.Kestrel;
using Kavach.Hosting.Web.MutualTls;
using Kavach.Hosting.Web.Observability;
using Kavach.Hosting.Web.Tls;
using Kavach.PartnerChannel;
using Kavach.PartnerChannel.InProcess;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Kavach.Gateway;

/// <summary>
/// Builds the partner gateway (docs/gateway.md): one HTTPS port; <c>/health/*</c> and <c>/metrics</c> answered by the
/// gateway itself; every other request through the partner channel (client certificate, signature, trust, time window,
/// replay, decryption), forwarded by YARP to <c>Kavach:Gateway:Backend</c> with the verified partner in headers, and its
/// response signed (and, kavach profile, encrypted). Same data directory and configuration as the server.
/// </summary>
public static class KavachGateway
{
    /// <summary>The address used when none is configured (HTTPS: a partner must present its client certificate).</summary>
    public const string DefaultUrl = "https://localhost:8443";

    /// <summary>The OpenTelemetry service name.</summary>
    public const string ServiceName = "kavach-gateway";

    // ASP.NET Core's own request and connection meters, and the partner channel's: requests by status, durations,
    // TLS handshakes — labels are routes and status codes, never a partner or a path.
    private static readonly string[] Meters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Kavach.PartnerChannel"];

    /// <summary>Builds the gateway from command-line arguments; <paramref name="configure"/> can replace services (tests: the clock).</summary>
    /// <exception cref="KavachConfigurationException">A setting cannot work; its name is in the message.</exception>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configure = null)
    {
        // appsettings next to the application, the data directory relative to the current directory: as the server.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var gateway = GatewaySettings.From(builder.Configuration);
        var options = builder.Configuration.GetSection(KavachOptions.Section).Get<KavachOptions>() ?? new KavachOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            // The channel reads at most the limit plus one byte and answers 413 KER-PCH-002 itself. Kestrel's cap sits at
            // twice the limit so that it can drain what a partner still sends after that answer (a clean 413 instead
            // of a reset mid-upload), and no more.
            kestrel.Limits.MaxRequestBodySize = 2 * gateway.MaxBodyBytes;
            KestrelHardening.Apply(kestrel, options.Security);
        });

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(gateway);
        services.AddKavach(builder.Configuration);
        services.AddKavachStartup();
        services.AddKavachVaultHealthMonitor();
        builder.UseKavachTls(options.Tls);

        // Any client certificate is taken at the handshake; the channel judges it, so a refusal is an envelope and an
        // audit record rather than a bare TLS alert.
        services.ConfigureKavachHttps(ClientCertificateSetup.Apply);
        services.AddKavachPartnerChannel(gateway.ApplicationId, gateway.EncryptionReferenceId);
        services.AddPartnerChannelService(channel =>
        {
            channel.ApplicationId = gateway.ApplicationId;
            channel.Profile = gateway.Profile;
            channel.ClockSkew = gateway.ClockSkew;
            channel.MaxBodyBytes = gateway.MaxBodyBytes;
        });
        services.AddReverseProxy()
            .LoadFromMemory([BackendProxyConfig.Route()], [BackendProxyConfig.Cluster(gateway.Backend)])
            .AddTransforms(PartnerHeaderTransform.Add);
        services.AddHostedService<ReplayLedgerPurger>();
        services.AddSingleton<GatewayApplicationKeys>();
        services.AddHostedService(static sp => sp.GetRequiredService<GatewayApplicationKeys>());
        builder.AddKavachTelemetry(options.Telemetry, ServiceName, Meters, static context => !IsGatewayOwn(context.Request));
        configure?.Invoke(services);

        var app = builder.Build();

        // Before anything listens: a setting that cannot work stops the start here, with one line naming it.
        app.Services.ValidateKavachConfiguration();
        app.UseMiddleware<GatewayFaultMiddleware>();
        app.UseRouting();
        app.UseWhen(static context => KavachTelemetry.IsMetrics(context.Request) && !LoopbackOnly.Allows(context), static refused => refused.Run(static context =>
            GatewayEnvelope.WriteErrorAsync(context, StatusCodes.Status404NotFound, Kavach.Keys.Errors.ErrorCodes.InvalidRequest with { Message = "No such endpoint" })));
        app.UseWhen(static context => !IsGatewayOwn(context.Request), static channel => channel.UsePartnerChannel());
        app.MapKavachHealth(LoopbackOnly.Allows);
        app.MapKavachMetrics();
        app.MapReverseProxy(ProxyPipeline.Configure);
        return app;
    }

    /// <summary>The first address the started gateway listens on.</summary>
    public static Uri Address(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    // Health and metrics are the gateway's own: no partner certificate is needed, and they are never forwarded.
    private static bool IsGatewayOwn(HttpRequest request) => KavachHealthEndpoints.IsHealth(request) || KavachTelemetry.IsMetrics(request);
}
