using Kavach.Devices.Repository.Providers;
using Kavach.Devices.Server.Http;

namespace Kavach.Devices.Server.Admin;

/// <summary>
/// Device and FTM providers of the central repository: register (with the CA chain, uploaded into trust domain DEVICE
/// or FTM), add CA certificates, list and read. Administrators write; every device role reads.
/// </summary>
internal static class AdminProviderEndpoints
{
    public static void MapAdminProviderEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapPost("/providers", static async (HttpContext context, AddProviderRequest? body, CancellationToken cancellationToken) =>
        {
            if (body is null)
            {
                return ErrorResponses.Result(StatusCodes.Status400BadRequest, DeviceServerErrors.BadRequest with { Message = "A JSON body is required" });
            }

            var added = await Providers(context).AddAsync(body, AdminPrincipal.Of(context.User), cancellationToken);
            return added.IsSuccess
                ? TypedResults.Json(added.Value, DeviceServerJsonContext.Default.DeviceProviderRecord, statusCode: StatusCodes.Status201Created)
                : ErrorStatus.Result(added.Error);
        }).RequireDeviceRoles(DeviceRoleSets.Request);

        admin.MapPost("/providers/{id}/ca", static async (HttpContext context, string id, CaUploadBody? body, CancellationToken cancellationToken) =>
        {
            var uploaded = await Providers(context).UploadCaAsync(id, body?.CaCertificates ?? string.Empty, AdminPrincipal.Of(context.User), cancellationToken);
            return uploaded.IsSuccess ? TypedResults.NoContent() : ErrorStatus.Result(uploaded.Error);
        }).RequireDeviceRoles(DeviceRoleSets.Request);

        admin.MapGet("/providers", static async (HttpContext context, CancellationToken cancellationToken) =>
            TypedResults.Json(await Providers(context).ListAsync(cancellationToken), DeviceServerJsonContext.Default.IReadOnlyListDeviceProviderRecord))
            .RequireDeviceRoles(DeviceRoleSets.Read);

        admin.MapGet("/providers/{id}", static async (HttpContext context, string id, CancellationToken cancellationToken) =>
        {
            var provider = await Providers(context).GetAsync(id, cancellationToken);
            return provider.IsSuccess
                ? TypedResults.Json(provider.Value, DeviceServerJsonContext.Default.DeviceProviderRecord)
                : ErrorStatus.Result(provider.Error);
        }).RequireDeviceRoles(DeviceRoleSets.Read);
    }

    private static ProviderService Providers(HttpContext context) => context.RequestServices.GetRequiredService<ProviderService>();
}
