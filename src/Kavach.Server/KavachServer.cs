using Kavach.Keys.Errors;
using Kavach.Hosting.Composition;
using Kavach.Hosting.Configuration;
using Kavach.Server.Console;
using Kavach.Server.Endpoints;
using Kavach.Server.Health;
using Kavach.Server.Http;
using Kavach.Server.Logging;
using Kavach.Server.Observability;
using Kavach.Server.OpenApi;
using Kavach.Server.Security;
using Kavach.Hosting.Web.Health;
using Kavach.Hosting.Web.Kestrel;
using Kavach.Hosting.Web.Observability;
using Kavach.Hosting.Web.Tls;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Kavach.Hosting.Files;

namespace Kavach.Server;

/// <summary>Builds the Kavach web application (used by <c>Program</c> and the tests).</summary>
public static class KavachServer
{
    /// <summary>The MOSIP base path.</summary>
    public const string ApiBase = "/v1/keymanager";

    /// <summary>The address used when none is configured.</summary>
    public const string DefaultUrl = "http://localhost:8088";

    /// <summary>Builds the application from command-line arguments; <paramref name="configure"/> can replace services (tests: the clock).</summary>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configure = null)
    {
        // appsettings.json and appsettings.{Environment}.json are read from next to the application, whatever the
        // current directory (systemd, scripts and `dotnet /path/Kavach.Server.dll` start elsewhere); the data
        // directory stays relative to the current directory, as documented.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.AddKavachLogGuards();
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var options = builder.Configuration.GetSection(KavachOptions.Section).Get<KavachOptions>() ?? new KavachOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            KestrelHardening.Apply(kestrel, options.Security);
        });
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, KavachJsonContext.Default));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddKavach(builder.Configuration);
        builder.Services.AddKavachStartup();
        builder.Services.AddKavachVaultHealthMonitor();
        builder.Services.AddKavachOpenApi();
        Kavach.Server.Audit.AuditServiceCollectionExtensions.AddKavachAudit(builder.Services);
        builder.UseKavachTls(options.Tls);
        builder.Services.AddKavachSecurity(options.Security);
        builder.Services.AddSingleton<Console.TrustStoreView>();
        builder.AddKavachObservability(options.Telemetry);
        configure?.Invoke(builder.Services);

        var app = builder.Build();

        // Before anything listens: a setting that cannot work (or a data directory Kavach cannot make its own) stops
        // the start here, with one line naming it.
        app.Services.ValidateKavachConfiguration();
        app.UseMiddleware<RequestMetricsMiddleware>();
        app.UseMiddleware<ErrorMiddleware>();
        app.UseStatusCodePages(async status =>
        {
            var context = status.HttpContext;
            var error = context.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => ErrorCodes.InvalidRequest with { Message = "No such endpoint" },
                StatusCodes.Status415UnsupportedMediaType => ErrorCodes.InternalServerError with { Message = "Content type not supported; send application/json" },
                StatusCodes.Status405MethodNotAllowed => ErrorCodes.InvalidRequest with { Message = $"Request method '{context.Request.Method}' is not supported" },
                _ => ErrorCodes.InvalidRequest,
            };
            await Envelope.WriteErrorAsync(context, context.Response.StatusCode, error);
        });
        app.UseKavachSecurity();
        app.MapHealthEndpoints();
        app.MapKavachOpenApi();
        app.MapKavachMetrics();
        app.MapKavachConsole();
        var api = app.MapGroup(ApiBase);
        api.AddEnvelopeFilters();
        api.MapKeyManagerEndpoints();
        api.MapCryptoEndpoints();
        api.MapDataProtectionEndpoints();
        api.MapSignatureEndpoints();
        api.MapTrustEndpoints();
        api.MapPartnerEndpoints();
        api.MapIdentityEndpoints();
        api.MapMigrationEndpoints();
        api.MapConsoleEndpoints();
        return app;
    }

    /// <summary>The first address the started server listens on.</summary>
    public static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
