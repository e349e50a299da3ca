namespace Kavach.Devices.Server.Admin;

/// <summary>Puts a <see cref="RoleFilter"/> on an admin route.</summary>
internal static class RoleRequirements
{
    public static TBuilder RequireDeviceRoles<TBuilder>(this TBuilder builder, string[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new RoleFilter(roles));
}
