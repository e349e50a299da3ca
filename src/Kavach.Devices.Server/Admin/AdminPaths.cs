namespace Kavach.Devices.Server.Admin;

/// <summary>The admin API prefix; everything under it needs a bearer token and a device role.</summary>
public static class AdminPaths
{
    /// <summary>The prefix.</summary>
    public const string Prefix = "/admin";

    /// <summary>True for a path under <see cref="Prefix"/>.</summary>
    public static bool IsAdmin(PathString path) => path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);
}
