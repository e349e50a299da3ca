using Kavach.Devices.Server.Http;

namespace Kavach.Devices.Server.DeviceRoutes;

/// <summary>
/// Maps the device routes of spec §4.4. Each is thin: the body reader (media type, size), one message-service call,
/// the compact JWS back as <c>application/jose</c>. A route whose service is not part of this server answers 503
/// KER-DEV-111 after the same checks, so limits and the door behave the same on every route.
/// </summary>
internal static class DeviceEndpoints
{
    /// <summary>The rate-limiter policy of the routes open without a certificate.</summary>
    public const string AnonymousPolicy = "device-anonymous";

    public static void MapDeviceEndpoints(this WebApplication app)
    {
        Map(app, HttpMethods.Get, DevicePaths.EnrollChallenge).RequireRateLimiting(AnonymousPolicy);
        Map(app, HttpMethods.Post, DevicePaths.Enroll).RequireRateLimiting(AnonymousPolicy);
        Map(app, HttpMethods.Post, DevicePaths.Time).RequireRateLimiting(AnonymousPolicy);
        Map(app, HttpMethods.Post, DevicePaths.EnrollConfirm);
        Map(app, HttpMethods.Post, DevicePaths.Checkin);
        Map(app, HttpMethods.Get, DevicePaths.Commands);
        Map(app, HttpMethods.Post, DevicePaths.CommandResult);
        Map(app, HttpMethods.Post, DevicePaths.Rotate);
        Map(app, HttpMethods.Post, DevicePaths.RotateConfirm);
        Map(app, HttpMethods.Get, DevicePaths.Updates + "/trust.json");
        Map(app, HttpMethods.Get, DevicePaths.Updates + "/timestamp.json");
        Map(app, HttpMethods.Get, DevicePaths.Updates + "/releases/{counter:long}.json");
        Map(app, HttpMethods.Get, DevicePaths.Updates + "/artifacts/{sha256}");
        Map(app, HttpMethods.Post, DevicePaths.DeregisterAck);
    }

    /// <summary>A compact JWS answer.</summary>
    public static IResult Jose(string compact) => TypedResults.Text(compact, DevicePaths.JoseMediaType);

    private static RouteHandlerBuilder Map(WebApplication app, string method, string pattern) =>
        app.MapMethods(pattern, [method], static async (HttpContext context, DeviceBodyReader reader) =>
        {
            var (message, status, error) = await reader.ReadAsync(context);
            if (message is null)
            {
                return ErrorResponses.Result(status, error!);
            }

            // The message services land here route by route (docs/devices/server.md lists what this build serves).
            return ErrorResponses.Result(StatusCodes.Status503ServiceUnavailable, DeviceServerErrors.NotAvailable);
        });
}
