using Kavach.Devices.Registry;
using Kavach.Devices.Server.Http;

namespace Kavach.Devices.Server.Admin;

/// <summary>
/// <c>GET /admin/devices</c> (filtered, keyset-paged), <c>GET /admin/devices/summary</c> (counts) and
/// <c>GET /admin/devices/{serial}</c>: the registry, read-only; rotation and L0 approval requests.
/// </summary>
internal static class AdminDeviceEndpoints
{
    public static void MapAdminDeviceEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/devices", static async (HttpContext context, string? state, string? provider, bool? rotationDue, string? after, int? limit, CancellationToken cancellationToken) =>
        {
            if (context.RequestServices.GetService<AdminDeviceQueries>() is not { } queries)
            {
                return ErrorResponses.Result(StatusCodes.Status503ServiceUnavailable, DeviceServerErrors.NotAvailable);
            }

            DeviceState? wanted = null;
            if (state is not null)
            {
                if (!Enum.TryParse<DeviceState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(state, out _))
                {
                    return ErrorResponses.Result(StatusCodes.Status400BadRequest, DeviceServerErrors.BadRequest with { Message = "Unknown device state" });
                }

                wanted = parsed;
            }

            var size = limit ?? 100;
            if (size is < 1 or > 1000)
            {
                return ErrorResponses.Result(StatusCodes.Status400BadRequest, DeviceServerErrors.BadRequest with { Message = "limit must be 1-1000" });
            }

            var page = await queries.ListAsync(new DeviceQuery(provider, wanted, rotationDue, null, after, size), cancellationToken);
            return TypedResults.Json(page, DeviceServerJsonContext.Default.DevicePage);
        }).RequireDeviceRoles(DeviceRoleSets.Read);

        // A literal segment wins over {serial} in routing: this is the summary, never a device called "summary".
        admin.MapGet("/devices/summary", static async (HttpContext context, string? provider, CancellationToken cancellationToken) =>
            context.RequestServices.GetService<AdminDeviceQueries>() is not { } queries
                ? ErrorResponses.Result(StatusCodes.Status503ServiceUnavailable, DeviceServerErrors.NotAvailable)
                : TypedResults.Json(await queries.SummaryAsync(provider, cancellationToken), DeviceServerJsonContext.Default.DeviceSummaryView))
            .RequireDeviceRoles(DeviceRoleSets.Read);

        admin.MapGet("/devices/{serial}", static async (HttpContext context, string serial, CancellationToken cancellationToken) =>
        {
            if (context.RequestServices.GetService<AdminDeviceQueries>() is not { } queries)
            {
                return ErrorResponses.Result(StatusCodes.Status503ServiceUnavailable, DeviceServerErrors.NotAvailable);
            }

            var device = serial.Length is > 0 and <= 128 ? await queries.GetAsync(serial, cancellationToken) : null;
            return device is null
                ? ErrorResponses.Result(StatusCodes.Status404NotFound, DeviceServerErrors.NotFound with { Message = "No such device" })
                : TypedResults.Json(device, DeviceServerJsonContext.Default.DeviceView);
        }).RequireDeviceRoles(DeviceRoleSets.Read);

        // "Rotate this device's key now" (spec §4.8, a compromise flag): its next check-in is offered rotateKey.
        admin.MapPost("/devices/{serial}/rotate", static async (HttpContext context, string serial, CancellationToken cancellationToken) =>
        {
            if (context.RequestServices.GetService<Kavach.Devices.Rotation.RotationRequirement>() is not { } rotation)
            {
                return ErrorResponses.Result(StatusCodes.Status503ServiceUnavailable, DeviceServerErrors.NotAvailable);
            }

            var due = await rotation.RequireAsync(serial, AdminPrincipal.Of(context.User), cancellationToken);
            return due.IsSuccess
                ? TypedResults.Json(DeviceView.Of(due.Value), DeviceServerJsonContext.Default.DeviceView)
                : ErrorStatus.Result(due.Error);
        }).RequireDeviceRoles(DeviceRoleSets.Request);

        // The L0 exception (spec §4.5): an L0 device's recorded enrolment is certified only after a second
        // administrator approves this request under /admin/approvals.
        admin.MapPost("/devices/{serial}/l0-approval", static async (HttpContext context, string serial, CancellationToken cancellationToken) =>
        {
            if (context.RequestServices.GetService<Kavach.Devices.Repository.Approvals.ApprovalService>() is not { } approvals ||
                context.RequestServices.GetService<IDeviceRegistryStore>() is not { } registry)
            {
                return ErrorResponses.Result(StatusCodes.Status503ServiceUnavailable, DeviceServerErrors.NotAvailable);
            }

            if (serial.Length is 0 or > 128 || await registry.GetDeviceAsync(serial, cancellationToken) is not { State: DeviceState.PendingApproval })
            {
                return ErrorResponses.Result(StatusCodes.Status404NotFound, DeviceServerErrors.NotFound with { Message = "No L0 enrolment waits for this device" });
            }

            var requested = await approvals.RequestAsync(Kavach.Devices.Repository.Approvals.ApprovalKind.L0Enrolment, serial, "{}", AdminPrincipal.Of(context.User), cancellationToken);
            return requested.IsSuccess
                ? TypedResults.Json(requested.Value, DeviceServerJsonContext.Default.ApprovalRequest, statusCode: StatusCodes.Status201Created)
                : ErrorStatus.Result(requested.Error);
        }).RequireDeviceRoles(DeviceRoleSets.Request);
    }
}
