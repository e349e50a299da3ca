using Kavach.Devices.Server.Http;

namespace Kavach.Devices.Server.Admin;

/// <summary>Refuses (403) an authenticated admin whose roles include none of the route's.</summary>
internal sealed class RoleFilter(string[] roles) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var user = context.HttpContext.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return ValueTask.FromResult<object?>(ErrorResponses.Result(StatusCodes.Status401Unauthorized, DeviceServerErrors.AuthenticationFailed));
        }

        return roles.Any(user.IsInRole)
            ? next(context)
            : ValueTask.FromResult<object?>(ErrorResponses.Result(StatusCodes.Status403Forbidden, DeviceServerErrors.Forbidden));
    }
}
