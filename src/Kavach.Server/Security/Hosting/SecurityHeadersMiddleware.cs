namespace Kavach.Server.Security.Hosting;

/// <summary>
/// Headers for an API that no browser should render, frame, sniff or cache: every response carries them, error
/// envelopes included. HSTS is added on HTTPS unless the TLS set-up already chose a value.
/// </summary>
internal sealed class SecurityHeadersMiddleware
{
    private readonly RequestDelegate _next;

    public SecurityHeadersMiddleware(RequestDelegate next) => _next = next;

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var response = (HttpResponse)state;
            var headers = response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
            if (response.HttpContext.Request.IsHttps && !headers.ContainsKey("Strict-Transport-Security"))
            {
                headers.StrictTransportSecurity = "max-age=31536000";
            }

            return Task.CompletedTask;
        }, context.Response);
        return _next(context);
    }
}
