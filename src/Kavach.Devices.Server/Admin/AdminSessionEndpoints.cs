using Kavach.Devices.Server.Http;
using Kavach.Hosting.Web.Authentication;

namespace Kavach.Devices.Server.Admin;

/// <summary>
/// <c>GET /admin/session</c>: the authenticated caller's subject and device roles, and whether the administrator and
/// approver routes will let them act, so a console shows only the actions that will not be refused.
/// </summary>
internal static class AdminSessionEndpoints
{
    public static void MapAdminSessionEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/session", static (HttpContext context) =>
        {
            var user = context.User;
            var roles = DeviceRoleSets.Read.Where(user.IsInRole).Order(StringComparer.Ordinal).ToList();
            var subject = user.FindFirst(KavachClaimTypes.Subject)?.Value ?? user.Identity?.Name ?? string.Empty;
            var session = new SessionView(subject, roles, DeviceRoleSets.Request.Any(user.IsInRole), DeviceRoleSets.Approve.Any(user.IsInRole));
            return TypedResults.Json(session, DeviceServerJsonContext.Default.SessionView);
        }).RequireDeviceRoles(DeviceRoleSets.Read);
    }
}
