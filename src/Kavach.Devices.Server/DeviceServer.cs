using System.Net;
using System.Security.Authentication;
using Kavach.Devices.Server.Admin;
using Kavach.Devices.Server.Composition;
using Kavach.Devices.Server.Configuration;
using Kavach.Devices.Server.DeviceRoutes;
using Kavach.Devices.Server.Http;
using Kavach.Devices.Server.Pki;
using Kavach.Devices.Server.Transparency;
using Kavach.Hosting.Composition;
using Kavach.Hosting.Configuration;
using Kavach.Hosting.Web.Authentication;
using Kavach.Hosting.Web.Health;
using Kavach.Hosting.Web.Kestrel;
using Kavach.Hosting.Web.MutualTls;
using Kavach.Hosting.Web.Observability;
using Kavach.Hosting.Web.Tls;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Kavach.Devices.Server;

/// <summary>
/// Builds the device management server (docs/devices/server.md): one HTTPS port, TLS 1.3; device routes under
/// <c>/v1</c> behind a client-certificate door (enrolment and time open, rate-limited per address); the public PKI
/// routes; the admin API under <c>/admin</c> with the key manager's bearer tokens and device roles; health and
/// metrics as the gateway. Same data directory and configuration conventions as the key manager.
/// </summary>
public static class DeviceServer
{
    /// <summary>The address used when none is configured.</summary>
    public const string DefaultUrl = "https://localhost:8444";

    /// <summary>The OpenTelemetry service name.</summary>
    public const string ServiceName = "kavach-devices";

    private static readonly string[] Meters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting"];

    /// <summary>Builds the server from command-line arguments; <paramref name="configure"/> can replace services (tests: the clock).</summary>
    /// <exception cref="KavachConfigurationException">A setting cannot work; its name is in the message.</exception>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configure = null)
    {
        // appsettings next to the application, the data directory relative to the current directory: as the key manager.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var options = builder.Configuration.GetSection(KavachOptions.Section).Get<KavachOptions>() ?? new KavachOptions();
        var devices = builder.Configuration.GetSection(DeviceServerOptions.Section).Get<DeviceServerOptions>() ?? new DeviceServerOptions();
        devices.Validate();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            // Device routes read at most their own limit (64 KiB); admin routes raise theirs per route.
            kestrel.Limits.MaxRequestBodySize = devices.MaxDeviceBodyBytes;
            KestrelHardening.Apply(kestrel, options.Security);
        });

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(devices));
        services.AddKavach(builder.Configuration);
        services.AddKavachStartup();
        services.AddKavachVaultHealthMonitor();
        services.AddKavachBearerAuthentication();
        builder.UseKavachTls(options.Tls);

        // Any client certificate is taken at the handshake (enrolment and time need none); the door and the message
        // gate judge it, so a refusal is a coded answer rather than a bare TLS alert. TLS 1.3 only unless allowed.
        services.ConfigureKavachHttps(ClientCertificateSetup.Apply);
        services.ConfigureKavachHttps(https => https.SslProtocols = devices.AllowTls12 ? SslProtocols.Tls12 | SslProtocols.Tls13 : SslProtocols.Tls13);
        if (AdminCors.IsEnabled(devices))
        {
            services.AddCors(cors => AdminCors.Configure(cors, devices));
        }

        services.AddRateLimiter(limiter => AnonymousRateLimiting.Configure(limiter, devices));
        services.AddSingleton<DeviceBodyReader>();
        services.AddSingleton<AdminDeviceQueries>();
        services.AddSingleton<IDeviceHostReadiness, HostDeviceReadiness>();
        services.AddKavachDevices(DeviceServicesConfiguration.Read(builder.Configuration));
        services.AddHostedService<DeviceBackgroundJobs>();
        builder.AddKavachTelemetry(options.Telemetry, ServiceName, Meters, static context => !IsOwn(context.Request));
        configure?.Invoke(services);

        var app = builder.Build();

        // Before anything listens: a setting that cannot work stops the start here, with one line naming it.
        app.Services.ValidateKavachConfiguration();
        _ = app.Services.GetRequiredService<JwtAuthenticator>();
        app.UseMiddleware<FaultMiddleware>();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStatusCodePages(static status =>
            ErrorResponses.WriteAsync(status.HttpContext, status.HttpContext.Response.StatusCode, ErrorResponses.ForStatus(status.HttpContext.Response.StatusCode)));
        app.UseWhen(static context => KavachTelemetry.IsMetrics(context.Request) && !IsLoopback(context), static refused => refused.Run(static context =>
            ErrorResponses.WriteAsync(context, StatusCodes.Status404NotFound, DeviceServerErrors.NotFound)));
        app.UseWhen(static context => DevicePaths.IsDeviceRoute(context.Request.Path), static door => door.UseMiddleware<DeviceCertificateDoor>());
        var cors = AdminCors.IsEnabled(devices);
        app.UseWhen(static context => AdminPaths.IsAdmin(context.Request.Path), admin =>
        {
            // Before authentication: a preflight carries no token, and the middleware answers it here.
            if (cors)
            {
                admin.UseCors(AdminCors.PolicyName);
            }

            admin.UseMiddleware<AdminAuthenticationMiddleware>();
        });
        app.UseRouting();
        app.UseRateLimiter();
        app.MapKavachHealth(IsLoopback);
        app.MapKavachMetrics();
        app.MapPkiEndpoints();
        app.MapTransparencyEndpoints();
        app.MapDeviceEndpoints();
        var admin = app.MapGroup(AdminPaths.Prefix).WithMetadata(new RequestSizeLimitMetadata(devices.MaxAdminBodyBytes));
        admin.AddEndpointFilter<AdminReasonFilter>();
        admin.MapAdminSessionEndpoints();
        admin.MapAdminDeviceEndpoints();
        admin.MapAdminApprovalEndpoints();
        admin.MapAdminCommandEndpoints();
        admin.MapAdminProviderEndpoints();
        admin.MapAdminModelEndpoints();
        admin.MapAdminWhitelistEndpoints();
        admin.MapAdminReleaseEndpoints(devices);
        admin.MapAdminDeregistrationEndpoints();
        return app;
    }

    /// <summary>The first address the started server listens on.</summary>
    public static Uri Address(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    // Health and metrics are the server's own: no certificate, no token (metrics from loopback only, as the gateway).
    private static bool IsOwn(HttpRequest request) => KavachHealthEndpoints.IsHealth(request) || KavachTelemetry.IsMetrics(request);

    private static bool IsLoopback(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);
}
