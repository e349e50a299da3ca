using Kavach.Hosting.Configuration;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Kavach.Server.OpenApi;

/// <summary>The document as a whole: title, the security schemes Kavach accepts, and the tags in use.</summary>
internal sealed class DocumentTransformer(IOptions<KavachOptions> options) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Kavach key manager",
            Version = "1.0",
            Description = "MOSIP-compatible key manager (`/v1/keymanager`). Requests and responses use MOSIP's envelope "
                + "(`{id, version, requesttime, metadata, request}` in, `{id, version, responsetime, metadata, response, errors}` out); "
                + "expected failures come back with HTTP 200 and a MOSIP error code in `errors`. Each operation lists the codes it can answer with "
                + "in its description and in `x-mosip-error-codes`.",
        };

        // The generator writes the request's base address with a trailing slash; paths already start with one.
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        var schemes = document.Components.SecuritySchemes;
        schemes[SecuritySchemeNames.Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT from a trusted OIDC issuer (Keycloak in MOSIP) or from Kavach's local issuer (`kavach token issue`); its roles decide which operations it may call.",
        };
        schemes[SecuritySchemeNames.AuthorizationCookie] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = options.Value.Security.Jwt.CookieName,
            Description = "The same JWT in MOSIP's cookie, as MOSIP's auth adapter accepts it (used when no Authorization header is sent).",
        };
        schemes[SecuritySchemeNames.MutualTls] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.MutualTLS,
            Description = "A partner client certificate on HTTPS, when `Kavach:Security:Mtls:Enabled` is on; the certificate must chain to a trusted partner CA.",
        };

        var used = (document.Paths ?? [])
            .SelectMany(p => p.Value.Operations ?? [])
            .SelectMany(o => o.Value.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name)
            .ToHashSet(StringComparer.Ordinal);
        document.Tags = new HashSet<OpenApiTag>(
            ApiTags.All.Where(t => used.Contains(t.Name)).Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
        return Task.CompletedTask;
    }
}
