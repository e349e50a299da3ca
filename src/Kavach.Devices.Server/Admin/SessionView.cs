namespace Kavach.Devices.Server.Admin;

/// <summary>
/// <c>GET /admin/session</c>: who the caller is to this server. <paramref name="Roles"/> are the caller's device roles;
/// <paramref name="CanAdminister"/> and <paramref name="CanApprove"/> say which action routes will not answer 403.
/// </summary>
public sealed record SessionView(string Subject, IReadOnlyList<string> Roles, bool CanAdminister, bool CanApprove);
