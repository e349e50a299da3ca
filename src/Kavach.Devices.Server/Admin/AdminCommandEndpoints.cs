using Kavach.Devices.Commands;
using Kavach.Devices.Server.Http;

namespace Kavach.Devices.Server.Admin;

/// <summary><c>POST /admin/devices/{serial}/commands</c>: queues a catalogue command for a device (device administrators).</summary>
internal static class AdminCommandEndpoints
{
    public static void MapAdminCommandEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapPost("/devices/{serial}/commands", static async (HttpContext context, string serial, CommandRequest? body, CancellationToken cancellationToken) =>
        {
            if (body?.Kind is not { Length: > 0 } kind || body.TtlSeconds is <= 0)
            {
                return ErrorResponses.Result(StatusCodes.Status400BadRequest, DeviceServerErrors.BadRequest with { Message = "kind is required; ttlSeconds must be positive" });
            }

            var arguments = body.Arguments is { ValueKind: not System.Text.Json.JsonValueKind.Null } element ? element.GetRawText() : null;
            var ttl = body.TtlSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            var queued = await context.RequestServices.GetRequiredService<DeviceCommandService>()
                .EnqueueAsync(serial, kind, arguments, AdminPrincipal.Of(context.User), ttl, cancellationToken);
            return queued.IsSuccess
                ? TypedResults.Json(CommandView.Of(queued.Value), DeviceServerJsonContext.Default.CommandView, statusCode: StatusCodes.Status201Created)
                : ErrorStatus.Result(queued.Error);
        }).RequireDeviceRoles(DeviceRoleSets.Request);
    }
}
