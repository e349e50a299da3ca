using Kavach.Devices.Deregistration;
using Kavach.Devices.Server.Http;

namespace Kavach.Devices.Server.Admin;

/// <summary>
/// De-registration (four-eyes: the request opens an approval of kind Deregistration; the approval queues the device's
/// <c>deregister</c> command) and the compromise path (immediate revocation, no device cooperation).
/// </summary>
internal static class AdminDeregistrationEndpoints
{
    public static void MapAdminDeregistrationEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapPost("/devices/{serial}/deregister", static async (HttpContext context, string serial, ReasonBody? body, CancellationToken cancellationToken) =>
        {
            var requested = await Service(context).RequestAsync(serial, body?.Reason ?? string.Empty, AdminPrincipal.Of(context.User), cancellationToken);
            return requested.IsSuccess
                ? TypedResults.Json(requested.Value, DeviceServerJsonContext.Default.DeregistrationRecord, statusCode: StatusCodes.Status201Created)
                : ErrorStatus.Result(requested.Error);
        }).RequireDeviceRoles(DeviceRoleSets.Request);

        admin.MapGet("/deregistrations/{id}", static async (HttpContext context, string id, CancellationToken cancellationToken) =>
        {
            var record = await Service(context).GetAsync(id, cancellationToken);
            return record.IsSuccess
                ? TypedResults.Json(record.Value, DeviceServerJsonContext.Default.DeregistrationRecord)
                : ErrorStatus.Result(record.Error);
        }).RequireDeviceRoles(DeviceRoleSets.Read);

        admin.MapPost("/devices/{serial}/compromise", static async (HttpContext context, string serial, ReasonBody? body, CancellationToken cancellationToken) =>
        {
            var device = await Service(context).CompromiseAsync(serial, body?.Reason ?? string.Empty, AdminPrincipal.Of(context.User), cancellationToken);
            return device.IsSuccess
                ? TypedResults.Json(DeviceView.Of(device.Value), DeviceServerJsonContext.Default.DeviceView)
                : ErrorStatus.Result(device.Error);
        }).RequireDeviceRoles(DeviceRoleSets.Request);
    }

    private static DeregistrationService Service(HttpContext context) => context.RequestServices.GetRequiredService<DeregistrationService>();
}
