using Kavach.Hosting.Security;

namespace Kavach.Devices.Server.Admin;

/// <summary>
/// Which device roles an admin route accepts. Administrators request (imports, commands, de-registration, releases),
/// approvers approve (the approval service refuses an approver who is also the requester), viewers only read; reading
/// is open to all three. The local administrator's token carries all three roles.
/// </summary>
internal static class DeviceRoleSets
{
    public static readonly string[] Read = [KnownRoles.DeviceViewer, KnownRoles.DeviceAdmin, KnownRoles.DeviceApprover];

    public static readonly string[] Request = [KnownRoles.DeviceAdmin];

    public static readonly string[] Approve = [KnownRoles.DeviceApprover];
}
