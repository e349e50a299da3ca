using System.Text.RegularExpressions;
using Kavach.Hosting.Configuration;
using Kavach.Server.Security;
using Microsoft.AspNetCore.Rewrite;
using Microsoft.Extensions.Options;

namespace Kavach.Server.OpenApi;

/// <summary>Wires the API description (<c>/openapi/v1.json</c>) and its interactive explorer (Swagger UI) into the host.</summary>
internal static class OpenApiRegistration
{
    /// <summary>The explorer's path under the MOSIP base path, where MOSIP operators find theirs.</summary>
    public const string SwaggerUiPrefix = KavachServer.ApiBase + "/swagger-ui";

    /// <summary>The document's path.</summary>
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>Registers the document with Kavach's transformers.</summary>
    public static IServiceCollection AddKavachOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<DocumentTransformer>();
            options.AddOperationTransformer<OperationTransformer>();
            options.AddSchemaTransformer<SchemaTransformer>();
        });

    /// <summary>Maps the document and, unless <c>Kavach:OpenApi:SwaggerUi</c> is off, the explorer and the addresses MOSIP operators know.</summary>
    public static WebApplication MapKavachOpenApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi();
        if (!app.Services.GetRequiredService<IOptions<KavachOptions>>().Value.OpenApi.SwaggerUi)
        {
            return app;
        }

        // Only the explorer's own requests reach its middleware: API requests skip the rewriter's and the static
        // files' rules (and their debug logs, which would write the path and so any identifier in it). The redirects
        // are middleware rather than endpoints, so nothing is mapped under the API base path that the security layer
        // lets through.
        var index = SwaggerUiPrefix + "/index.html";
        app.UseWhen(
            context => ApiPaths.IsExplorer(context.Request) || context.Request.Path.StartsWithSegments("/swagger", StringComparison.OrdinalIgnoreCase),
            explorer => explorer
                .UseRewriter(new RewriteOptions()
                    .AddRedirect("^" + Regex.Escape(SwaggerUiPrefix.TrimStart('/') + ".html") + "$", index.TrimStart('/'))
                    .AddRedirect("^swagger/?$", index.TrimStart('/')))
                .UseSwaggerUI(ui =>
                {
                    ui.RoutePrefix = SwaggerUiPrefix.TrimStart('/');
                    ui.SwaggerEndpoint(DocumentPath, "Kavach key manager v1");
                    ui.DocumentTitle = "Kavach key manager API";
                    ui.DisplayOperationId();
                    ui.EnableTryItOutByDefault();
                }));
        return app;
    }
}
