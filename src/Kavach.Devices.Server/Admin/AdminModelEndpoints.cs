using Kavach.Devices.Repository.Models;
using Kavach.Devices.Server.Http;

namespace Kavach.Devices.Server.Admin;

/// <summary>
/// Approved makes and models (MOSIP PMS <c>DeviceDetailDto</c> fields): approve, deactivate, list (optionally one
/// provider's) and read. Only an active model admits whitelist entries. Administrators write; every device role reads.
/// </summary>
internal static class AdminModelEndpoints
{
    public static void MapAdminModelEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapPost("/models", static async (HttpContext context, DeviceModelDetail? body, CancellationToken cancellationToken) =>
        {
            if (body is null)
            {
                return ErrorResponses.Result(StatusCodes.Status400BadRequest, DeviceServerErrors.BadRequest with { Message = "A JSON body is required" });
            }

            var approved = await Models(context).ApproveAsync(body, AdminPrincipal.Of(context.User), cancellationToken);
            return approved.IsSuccess
                ? TypedResults.Json(approved.Value, DeviceServerJsonContext.Default.DeviceModelRecord, statusCode: StatusCodes.Status201Created)
                : ErrorStatus.Result(approved.Error);
        }).RequireDeviceRoles(DeviceRoleSets.Request);

        admin.MapPost("/models/{id}/deactivate", static async (HttpContext context, string id, CancellationToken cancellationToken) =>
            Map(await Models(context).DeactivateAsync(id, AdminPrincipal.Of(context.User), cancellationToken)))
            .RequireDeviceRoles(DeviceRoleSets.Request);

        admin.MapGet("/models", static async (HttpContext context, string? provider, CancellationToken cancellationToken) =>
            TypedResults.Json(await Models(context).ListAsync(provider, cancellationToken), DeviceServerJsonContext.Default.IReadOnlyListDeviceModelRecord))
            .RequireDeviceRoles(DeviceRoleSets.Read);

        admin.MapGet("/models/{id}", static async (HttpContext context, string id, CancellationToken cancellationToken) =>
            Map(await Models(context).GetAsync(id, cancellationToken)))
            .RequireDeviceRoles(DeviceRoleSets.Read);
    }

    private static IResult Map(Kavach.Keys.Errors.Result<DeviceModelRecord> result) =>
        result.IsSuccess ? TypedResults.Json(result.Value, DeviceServerJsonContext.Default.DeviceModelRecord) : ErrorStatus.Result(result.Error);

    private static ModelService Models(HttpContext context) => context.RequestServices.GetRequiredService<ModelService>();
}
