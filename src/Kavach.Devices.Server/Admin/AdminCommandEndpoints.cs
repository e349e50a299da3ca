using Kavach.Devices.Commands;
using Kavach.Devices.Server.Http;

namespace Kavach.Devices.Server.Admin;

/// <summary>
/// <c>POST /admin/devices/{serial}/commands</c> queues a catalogue command for a device (device administrators);
/// <c>GET</c> lists the device's commands with a summary of each result (every device role).
/// </summary>
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

        admin.MapGet("/devices/{serial}/commands", static async (HttpContext context, string serial, string? state, int? limit, CancellationToken cancellationToken) =>
        {
            if (context.RequestServices.GetService<AdminDeviceQueries>() is not { } queries)
            {
                return ErrorResponses.Result(StatusCodes.Status503ServiceUnavailable, DeviceServerErrors.NotAvailable);
            }

            DeviceCommandState? wanted = null;
            if (state is not null)
            {
                if (int.TryParse(state, out _) || !Enum.TryParse<DeviceCommandState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                {
                    return ErrorResponses.Result(StatusCodes.Status400BadRequest, DeviceServerErrors.BadRequest with { Message = "Unknown command state" });
                }

                wanted = parsed;
            }

            if (limit is < 1 or > AdminDeviceQueries.MaxCommands)
            {
                return ErrorResponses.Result(StatusCodes.Status400BadRequest, DeviceServerErrors.BadRequest with { Message = "limit must be 1-500" });
            }

            var listed = serial.Length is > 0 and <= 128 ? await queries.CommandsAsync(serial, wanted, limit ?? 100, cancellationToken) : null;
            return listed is null
                ? ErrorResponses.Result(StatusCodes.Status404NotFound, DeviceServerErrors.NotFound with { Message = "No such device" })
                : TypedResults.Json(listed, DeviceServerJsonContext.Default.DeviceCommandsView);
        }).RequireDeviceRoles(DeviceRoleSets.Read);
    }
}
