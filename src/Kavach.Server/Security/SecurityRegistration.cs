using Kavach.Hosting.Web.Authentication;
using Kavach.Hosting.Configuration;
using Kavach.Server.Security.Authorization;
using Kavach.Hosting.Web.MutualTls;
using Kavach.Hosting.Web.Tls;
using Kavach.Server.Security.Hosting;
using Kavach.Server.Security.Authentication;
using Kavach.Hosting.Startup;
using Kavach.Server.Security.MutualTls;
using Kavach.Server.Security.RateLimiting;
using Microsoft.Extensions.Options;
using Kavach.Hosting.Security.Bindings;
using Kavach.Keys.Signatures;

namespace Kavach.Server.Security;

/// <summary>Wires the security layer into the host: services, then the pipeline (headers, authentication, rate limits, authorisation).</summary>
public static class SecurityRegistration
{
    /// <summary>Registers the security services; an invalid role table stops here.</summary>
    public static IServiceCollection AddKavachSecurity(this IServiceCollection services, SecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(new AccessRuleTable(options.Authorization));

        services.AddKavachBearerAuthentication();
        services.AddSingleton(sp => new ClientCertificateAuthenticator(
            sp.GetRequiredService<KavachReadiness>(),
            sp.GetRequiredService<ICertificateTrustVerifier>(),
            sp.GetRequiredService<IOptions<KavachOptions>>().Value.Security.Mtls,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Kavach.Security.MutualTls")));
        if (options.Mtls.Enabled)
        {
            // Through the TLS set-up's hook: Kestrel's ConfigureHttpsDefaults keeps only its last caller.
            services.ConfigureKavachHttps(ClientCertificateSetup.Apply);
        }

        if (options.RateLimit.Enabled)
        {
            services.AddRateLimiter(limiter => ClientRateLimiting.Configure(limiter, options.RateLimit));
        }

        return services;
    }

    /// <summary>Adds the security middleware; an incomplete issuer configuration stops the start here.</summary>
    public static WebApplication UseKavachSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        _ = app.Services.GetRequiredService<JwtAuthenticator>();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<KavachAuthenticationMiddleware>();
        if (app.Services.GetRequiredService<IOptions<KavachOptions>>().Value.Security.RateLimit.Enabled)
        {
            app.UseRateLimiter();
        }

        app.UseMiddleware<KavachAuthorizationMiddleware>();
        return app;
    }
}
