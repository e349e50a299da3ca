using Microsoft.AspNetCore.Http;

namespace Kavach.Console.Tests.Support;

/// <summary>
/// The trivial pages the harness test loads: one that fetches data and marks itself ready the way console pages do
/// (under a <c>script-src 'self'</c> policy), and one that renders attacker markup unescaped, so the tests prove that
/// the browser, the ready-wait, the screenshots, the request log and the alert detector all work before any console
/// page exists.
/// </summary>
internal static class HarnessPages
{
    private const string ReadyHtml = """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>harness</title></head>
        <body><main data-testid="page-harness"><h1>Harness</h1><ul id="rows"></ul></main>
        <script src="/harness/ready.js"></script></body></html>
        """;

    // Waits a little before marking itself ready, so a test that does not wait on the condition reads it too early.
    private const string ReadyScript = """
        const root = document.querySelector('[data-testid=page-harness]');
        fetch('/harness/data.json').then(r => r.json()).then(data => setTimeout(() => {
          for (const row of data.rows) {
            const li = document.createElement('li');
            li.textContent = row;
            li.setAttribute('data-row', row);
            document.getElementById('rows').appendChild(li);
          }
          root.setAttribute('data-render-ms', String(Math.round(performance.now())));
          root.setAttribute('data-ready', 'true');
        }, 300));
        """;

    private const string UnsafeHtml = """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>unsafe</title></head>
        <body><main data-testid="page-unsafe"><p id="out"></p></main>
        <script src="/harness/unsafe.js"></script></body></html>
        """;

    private const string UnsafeScript = """
        const name = '<img src=x onerror=alert(1)>';
        document.getElementById('out').innerHTML = name;
        document.querySelector('[data-testid=page-unsafe]').setAttribute('data-ready', 'true');
        """;

    /// <summary>Serves <c>/harness/{name}</c>.</summary>
    public static IResult Serve(HttpContext context, string name)
    {
        switch (name)
        {
            case "ready.html":
                context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'";
                return Results.Content(ReadyHtml, "text/html; charset=utf-8");
            case "ready.js":
                return Results.Content(ReadyScript, "text/javascript");
            case "unsafe.html":
                return Results.Content(UnsafeHtml, "text/html; charset=utf-8");
            case "unsafe.js":
                return Results.Content(UnsafeScript, "text/javascript");
            default:
                return Results.NotFound();
        }
    }
}
