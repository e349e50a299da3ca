using Kavach.Devices.Registry;
using Kavach.Devices.Repository.Approvals;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kavach.Devices.Server.Composition;

/// <summary>
/// The device-management services the server maps, over the stores <c>AddKavach</c> registers: the audit channel,
/// four-eyes approvals and (as they land) enrolment, operations, updates and de-registration.
/// </summary>
internal static class DeviceServicesRegistration
{
    public static IServiceCollection AddDeviceServices(this IServiceCollection services)
    {
        services.TryAddSingleton<IDeviceAudit, AuditTrailDeviceAudit>();
        services.TryAddSingleton<ApprovalService>();
        return services;
    }
}
