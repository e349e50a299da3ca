using System.Text;
using Kavach.Devices.Repository.Whitelist;
using Kavach.Devices.Server.Http;

namespace Kavach.Devices.Server.Admin;

/// <summary>
/// Factory whitelist batches: import the signed file (the body, <c>application/jose</c> or <c>text/plain</c>; it opens
/// a four-eyes request), approve or reject by batch id (an approver other than the importer), list and read.
/// </summary>
internal static class AdminWhitelistEndpoints
{
    public static void MapAdminWhitelistEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapPost("/whitelist", static async (HttpContext context, CancellationToken cancellationToken) =>
        {
            if (!IsText(context.Request.ContentType))
            {
                return ErrorResponses.Result(StatusCodes.Status415UnsupportedMediaType, DeviceServerErrors.UnsupportedMediaType);
            }

            // Kestrel enforces the admin body limit while this reads; the service applies the batch's own caps.
            using var reader = new StreamReader(context.Request.Body, new UTF8Encoding(false, true));
            string file;
            try
            {
                file = (await reader.ReadToEndAsync(cancellationToken)).Trim();
            }
            catch (DecoderFallbackException)
            {
                return ErrorResponses.Result(StatusCodes.Status400BadRequest, DeviceServerErrors.BadRequest with { Message = "The batch file is not UTF-8" });
            }

            var imported = await Whitelist(context).ImportAsync(file, AdminPrincipal.Of(context.User), cancellationToken);
            return imported.IsSuccess
                ? TypedResults.Json(WhitelistBatchView.Of(imported.Value.Batch), DeviceServerJsonContext.Default.WhitelistBatchView, statusCode: StatusCodes.Status201Created)
                : ErrorStatus.Result(imported.Error);
        }).RequireDeviceRoles(DeviceRoleSets.Request);

        admin.MapPost("/whitelist/{batchId}/approve", static async (HttpContext context, string batchId, CancellationToken cancellationToken) =>
            Map(await Whitelist(context).ApproveAsync(batchId, AdminPrincipal.Of(context.User), cancellationToken)))
            .RequireDeviceRoles(DeviceRoleSets.Approve);

        admin.MapPost("/whitelist/{batchId}/reject", static async (HttpContext context, string batchId, ReasonBody? body, CancellationToken cancellationToken) =>
            Map(await Whitelist(context).RejectAsync(batchId, AdminPrincipal.Of(context.User), body?.Reason, cancellationToken)))
            .RequireDeviceRoles(DeviceRoleSets.Approve);

        admin.MapGet("/whitelist", static async (HttpContext context, string? state, int? limit, CancellationToken cancellationToken) =>
        {
            WhitelistBatchState? wanted = null;
            if (state is not null)
            {
                if (int.TryParse(state, out _) || !Enum.TryParse<WhitelistBatchState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                {
                    return ErrorResponses.Result(StatusCodes.Status400BadRequest, DeviceServerErrors.BadRequest with { Message = "Unknown batch state" });
                }

                wanted = parsed;
            }

            if (limit is < 1 or > 1000)
            {
                return ErrorResponses.Result(StatusCodes.Status400BadRequest, DeviceServerErrors.BadRequest with { Message = "limit must be 1-1000" });
            }

            var batches = await Whitelist(context).ListAsync(wanted, limit ?? 100, cancellationToken);
            return TypedResults.Json<IReadOnlyList<WhitelistBatchView>>([.. batches.Select(WhitelistBatchView.Of)], DeviceServerJsonContext.Default.IReadOnlyListWhitelistBatchView);
        }).RequireDeviceRoles(DeviceRoleSets.Read);

        admin.MapGet("/whitelist/{batchId}", static async (HttpContext context, string batchId, CancellationToken cancellationToken) =>
            Map(await Whitelist(context).GetAsync(batchId, cancellationToken)))
            .RequireDeviceRoles(DeviceRoleSets.Read);
    }

    private static IResult Map(Kavach.Keys.Errors.Result<WhitelistBatchRecord> result) =>
        result.IsSuccess
            ? TypedResults.Json(WhitelistBatchView.Of(result.Value), DeviceServerJsonContext.Default.WhitelistBatchView)
            : ErrorStatus.Result(result.Error);

    private static bool IsText(string? contentType) =>
        contentType is not null &&
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed) &&
        (parsed.MediaType.Equals("application/jose", StringComparison.OrdinalIgnoreCase) ||
         parsed.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase));

    private static WhitelistService Whitelist(HttpContext context) => context.RequestServices.GetRequiredService<WhitelistService>();
}
