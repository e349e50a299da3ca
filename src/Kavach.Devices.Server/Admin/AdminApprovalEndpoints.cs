using Kavach.Devices.Repository.Approvals;
using Kavach.Devices.Server.Http;

namespace Kavach.Devices.Server.Admin;

/// <summary>
/// Four-eyes requests: list and read (any device role), approve and reject (approvers; the approval service refuses
/// the requester as approver). Thin: bind, one <see cref="ApprovalService"/> call, map the result.
/// </summary>
internal static class AdminApprovalEndpoints
{
    public static void MapAdminApprovalEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/approvals", static async (HttpContext context, string? state, string? kind, int? limit, CancellationToken cancellationToken) =>
        {
            if (context.RequestServices.GetService<ApprovalService>() is not { } approvals)
            {
                return ErrorResponses.Result(StatusCodes.Status503ServiceUnavailable, DeviceServerErrors.NotAvailable);
            }

            if (!TryParse<ApprovalState>(state, out var wantedState) || !TryParse<ApprovalKind>(kind, out var wantedKind))
            {
                return ErrorResponses.Result(StatusCodes.Status400BadRequest, DeviceServerErrors.BadRequest with { Message = "Unknown approval state or kind" });
            }

            var result = await approvals.ListAsync(wantedState, wantedKind, limit ?? 100, cancellationToken);
            return result.IsSuccess
                ? TypedResults.Json(result.Value, DeviceServerJsonContext.Default.IReadOnlyListApprovalRequest)
                : ErrorStatus.Result(result.Error);
        }).RequireDeviceRoles(DeviceRoleSets.Read);

        admin.MapGet("/approvals/{id}", static async (HttpContext context, string id, CancellationToken cancellationToken) =>
            context.RequestServices.GetService<ApprovalService>() is not { } approvals
                ? ErrorResponses.Result(StatusCodes.Status503ServiceUnavailable, DeviceServerErrors.NotAvailable)
                : Map(await approvals.GetAsync(id, cancellationToken))).RequireDeviceRoles(DeviceRoleSets.Read);

        admin.MapPost("/approvals/{id}/approve", static async (HttpContext context, string id, CancellationToken cancellationToken) =>
            context.RequestServices.GetService<ApprovalService>() is not { } approvals
                ? ErrorResponses.Result(StatusCodes.Status503ServiceUnavailable, DeviceServerErrors.NotAvailable)
                : Map(await approvals.ApproveAsync(id, AdminPrincipal.Of(context.User), cancellationToken))).RequireDeviceRoles(DeviceRoleSets.Approve);

        admin.MapPost("/approvals/{id}/reject", static async (HttpContext context, string id, ReasonBody? body, CancellationToken cancellationToken) =>
            context.RequestServices.GetService<ApprovalService>() is not { } approvals
                ? ErrorResponses.Result(StatusCodes.Status503ServiceUnavailable, DeviceServerErrors.NotAvailable)
                : Map(await approvals.RejectAsync(id, AdminPrincipal.Of(context.User), body?.Reason, cancellationToken))).RequireDeviceRoles(DeviceRoleSets.Approve);
    }

    private static IResult Map(Kavach.Keys.Errors.Result<ApprovalRequest> result) =>
        result.IsSuccess ? TypedResults.Json(result.Value, DeviceServerJsonContext.Default.ApprovalRequest) : ErrorStatus.Result(result.Error);

    private static bool TryParse<T>(string? text, out T? value)
        where T : struct, Enum
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (int.TryParse(text, out _) || !Enum.TryParse<T>(text, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }
}
