using Kavach.Devices.Registry;

namespace Kavach.Devices.Server.Admin;

/// <summary>
/// Carries an admin request's <c>X-Kavach-Reason</c> header (cleaned, capped, quoted by <see cref="DeviceAuditReason"/>)
/// into the audit events the action records: de-registration, compromise, approvals, whitelist decisions, rollouts
/// and every other admin action that writes the device audit trail.
/// </summary>
internal sealed class AdminReasonFilter : IEndpointFilter
{
    /// <summary>The header that carries an administrator's reason for an action.</summary>
    public const string Header = "X-Kavach-Reason";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var reason = HttpMethods.IsGet(request.Method) || !request.Headers.TryGetValue(Header, out var values)
            ? null
            : values.ToString();

        // Set in this async method, so the endpoint and the services it calls see it, and it ends with the request.
        DeviceAuditReason.Enter(reason);
        return await next(context);
    }
}
