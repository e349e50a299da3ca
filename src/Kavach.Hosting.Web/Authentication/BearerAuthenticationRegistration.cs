using Kavach.Hosting.Configuration;
using Kavach.Hosting.Startup;
using Kavach.Hosting.Tokens;
using Microsoft.Extensions.Options;

namespace Kavach.Hosting.Web.Authentication;

/// <summary>
/// Registers bearer-token authentication the same way in every Kavach web host (the key manager, the device server):
/// the OIDC back-channel and a <see cref="JwtAuthenticator"/> over the configured issuers and the local issuer.
/// </summary>
public static class BearerAuthenticationRegistration
{
    private static readonly TimeSpan BackchannelTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Adds the OIDC back-channel and the token authenticator built from <c>Kavach:Security</c>.</summary>
    public static IServiceCollection AddKavachBearerAuthentication(this IServiceCollection services)
    {
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
        return services;
    }
}
