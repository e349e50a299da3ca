using Kavach.Devices.Server.Http;

namespace Kavach.Devices.Server.DeviceRoutes;

/// <summary>
/// Maps the device routes of spec §4.4. Each is thin: the body reader (media type, size), one service call (through
/// the message gate for enrolled devices), the compact JWS back as <c>application/jose</c>. Limits and the door
/// behave the same on every route.
/// </summary>
internal static class DeviceEndpoints
{
    /// <summary>The rate-limiter policy of the routes open without a certificate.</summary>
    public const string AnonymousPolicy = "device-anonymous";

    public static void MapDeviceEndpoints(this WebApplication app)
    {
        Map(app, HttpMethods.Get, DevicePaths.EnrollChallenge, DeviceHandlers.ChallengeAsync).RequireRateLimiting(AnonymousPolicy);
        Map(app, HttpMethods.Post, DevicePaths.Enroll, DeviceHandlers.EnrollAsync).RequireRateLimiting(AnonymousPolicy);
        Map(app, HttpMethods.Post, DevicePaths.Reenroll, DeviceHandlers.ReenrollAsync).RequireRateLimiting(AnonymousPolicy);
        Map(app, HttpMethods.Post, DevicePaths.Time, DeviceHandlers.TimeAsync).RequireRateLimiting(AnonymousPolicy);
        Map(app, HttpMethods.Post, DevicePaths.EnrollConfirm, DeviceHandlers.ConfirmAsync);
        Map(app, HttpMethods.Post, DevicePaths.Checkin, DeviceHandlers.CheckinAsync);
        Map(app, HttpMethods.Get, DevicePaths.Commands, DeviceLifecycleHandlers.LongPollAsync);
        Map(app, HttpMethods.Post, DevicePaths.CommandResult, DeviceHandlers.CommandResultAsync);
        Map(app, HttpMethods.Post, DevicePaths.Rotate, DeviceHandlers.RotateAsync);
        Map(app, HttpMethods.Post, DevicePaths.RotateConfirm, DeviceHandlers.RotateConfirmAsync);
        Map(app, HttpMethods.Get, DevicePaths.Updates + "/trust.json", UpdateHandlers.TrustAsync);
        Map(app, HttpMethods.Get, DevicePaths.Updates + "/timestamp.json", UpdateHandlers.TimestampAsync);
        Map(app, HttpMethods.Get, DevicePaths.Updates + "/releases/{counter:long}.json", UpdateHandlers.ReleaseAsync);
        Map(app, HttpMethods.Get, DevicePaths.Updates + "/artifacts/{sha256}", UpdateHandlers.ArtifactAsync);
        Map(app, HttpMethods.Post, DevicePaths.UpdateReport, DeviceLifecycleHandlers.UpdateReportAsync);
        Map(app, HttpMethods.Post, DevicePaths.DeregisterAck, DeviceLifecycleHandlers.DeregisterAckAsync).RequireRateLimiting(AnonymousPolicy);
    }

    /// <summary>A compact JWS answer.</summary>
    public static IResult Jose(string compact) => TypedResults.Text(compact, DevicePaths.JoseMediaType);

    private static RouteHandlerBuilder Map(WebApplication app, string method, string pattern, Func<HttpContext, DeviceMessage, Task<IResult>> handler) =>
        app.MapMethods(pattern, [method], async (HttpContext context, DeviceBodyReader reader) =>
        {
            var (message, status, error) = await reader.ReadAsync(context);
            return message is null ? ErrorResponses.Result(status, error!) : await handler(context, message);
        });
}
