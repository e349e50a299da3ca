using Kavach.Hosting.Configuration;
using Kavach.Server.Http;
using Microsoft.Extensions.Options;

namespace Kavach.Server.Console;

/// <summary>
/// Serves the operator console at <c>/console/</c>: its built files and its configuration. It has no API of its own:
/// the page calls the key manager's API (and the device server's) with the signed-in user's token, so every action
/// meets the same authorisation, application bindings and audit as a script.
/// </summary>
public static partial class ConsoleSite
{
    /// <summary>Where the console lives.</summary>
    public const string Prefix = "/console";

    /// <summary>True for the console's paths.</summary>
    public static bool IsConsole(PathString path) => path.StartsWithSegments(Prefix, StringComparison.Ordinal);

    /// <summary>Maps the console when <c>Kavach:Console:Enabled</c> (the default).</summary>
    public static void MapKavachConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<KavachOptions>>().Value.Console;
        if (!options.Enabled)
        {
            return;
        }

        var assets = ConsoleAssets.Load();
        var policy = ConsolePolicy.For(options);
        if (!assets.Built)
        {
            NotBuilt(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Kavach.Console"));
        }

        var config = new ConsoleConfigResponse(
            options.Oidc is { Authority: { } authority, ClientId: { } clientId } oidc ? new ConsoleOidcResponse(authority, clientId, oidc.Scope) : null,
            options.DeviceServerUrl is { } devices ? new ConsoleDeviceServerResponse(devices) : null);

        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        app.MapGet(Prefix + "/config.json", () => TypedResults.Json(config, KavachJsonContext.Default.ConsoleConfigResponse)).ExcludeFromDescription();
        app.MapMethods(Prefix + "/{**path}", methods, (HttpContext context, string? path) =>
                string.IsNullOrEmpty(path) && !context.Request.Path.Value!.EndsWith('/')
                    ? Results.Redirect(Prefix + "/") // relative asset URLs and the OIDC redirect URI need the slash
                    : Serve(context, assets, policy, string.IsNullOrEmpty(path) ? ConsoleAsset.IndexPath : path))
            .ExcludeFromDescription();
    }

    private static IResult Serve(HttpContext context, ConsoleAssets assets, string policy, string path)
    {
        if (assets.Find(path) is not { } asset)
        {
            return Results.NotFound();
        }

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = policy;
        headers.ETag = asset.ETag;
        if (asset.Immutable)
        {
            headers.CacheControl = "public, max-age=31536000, immutable";
        }

        if (context.Request.Headers.IfNoneMatch == asset.ETag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Bytes, asset.ContentType);
    }

    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "The console is not in this build (it was built with KavachBuildConsole=false): /console/ answers 404")]
    private static partial void NotBuilt(ILogger logger);
}
