using Kavach.Hosting.Configuration;
using Kavach.Server.Security.Authentication;
using Kavach.Server.Security.Authorization;
using Kavach.Hosting.Web.MutualTls;
using Kavach.Hosting.Web.Tls;
using Kavach.Server.Security.Hosting;
using Kavach.Server.Security.MutualTls;
using Kavach.Server.Security.RateLimiting;
using Microsoft.Extensions.Options;
using Kavach.Hosting.Security.Bindings;
using Kavach.Hosting.Startup;
using Kavach.Hosting.Tokens;
using Kavach.Keys.Signatures;

namespace Kavach.Server.Security;

/// <summary>Wires the security layer into the host: services, then the pipeline (headers, authentication, rate limits, authorisation).</summary>
public static class SecurityRegistration
{
    private static readonly TimeSpan BackchannelTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Registers the security services; an invalid role table stops here.</summary>
    public static IServiceCollection AddKavachSecurity(this IServiceCollection services, SecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(new AccessRuleTable(options.Authorization));

        services.AddSingleton(_ => new OidcBackchannel(new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            Timeout = BackchannelTimeout,
            MaxResponseContentBufferSize = 1024 * 1024,
        }));
        services.AddSingleton(sp =>
        {
            var security = sp.GetRequiredService<IOptions<KavachOptions>>().Value.Security;
            var readiness = sp.GetRequiredService<KavachReadiness>();
            var time = sp.GetRequiredService<TimeProvider>();
            var issuers = TrustedIssuers.Create(security, readiness, sp.GetRequiredService<LocalTokenIssuer>, sp.GetRequiredService<OidcBackchannel>().Client, time, sp.GetRequiredService<ILoggerFactory>());
            return new JwtAuthenticator(issuers, readiness, time, security.Jwt.ClockSkew, security.Jwt.MaxTokenBytes);
        });
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
