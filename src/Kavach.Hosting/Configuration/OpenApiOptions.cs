namespace Kavach.Hosting.Configuration;

/// <summary>The <c>Kavach:OpenApi</c> section: the interactive API explorer over <c>/openapi/v1.json</c>.</summary>
public sealed class OpenApiOptions
{
    /// <summary>
    /// Serves Swagger UI at <c>/v1/keymanager/swagger-ui/</c> (with <c>/v1/keymanager/swagger-ui.html</c> and
    /// <c>/swagger</c> redirecting to it). On by default: it holds no secret and every call it makes is authenticated
    /// like any other; turn it off where no browser should reach the server.
    /// </summary>
    public bool SwaggerUi { get; set; } = true;
}
