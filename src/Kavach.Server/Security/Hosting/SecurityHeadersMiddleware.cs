using Kavach.Server.Console;

namespace Kavach.Server.Security.Hosting;

/// <summary>
/// Headers for an API that no browser should render, frame, sniff or cache: every response carries them, error
/// envelopes included. HSTS is added on HTTPS unless the TLS set-up already chose a value. Only the API explorer's and
/// the console's own pages get a content security policy that lets a browser run them; only the console's
/// content-hashed files may be cached.
/// </summary>
internal sealed class SecurityHeadersMiddleware
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    // Swagger UI: its own scripts and styles, its inline SVG icons, and calls to this origin only (the document and
    // "Try it out"); no inline script, no other origin, no framing, no form posts.
    private const string ExplorerPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private readonly RequestDelegate _next;

    public SecurityHeadersMiddleware(RequestDelegate next) => _next = next;

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var response = (HttpResponse)state;
            var headers = response.Headers;
            var request = response.HttpContext.Request;
            var console = ConsoleSite.IsConsole(request.Path);
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";

            // The console's files carry the policy the console endpoint computed from its settings.
            if (!(console && headers.ContainsKey("Content-Security-Policy")))
            {
                headers.ContentSecurityPolicy = ApiPaths.IsExplorer(request) ? ExplorerPolicy : ApiPolicy;
            }

            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            if (!(console && response.Headers.CacheControl.ToString().Contains("immutable", StringComparison.Ordinal)))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            if (response.HttpContext.Request.IsHttps && !headers.ContainsKey("Strict-Transport-Security"))
            {
                headers.StrictTransportSecurity = "max-age=31536000";
            }

            return Task.CompletedTask;
        }, context.Response);
        return _next(context);
    }
}
