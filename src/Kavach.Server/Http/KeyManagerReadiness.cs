using Kavach.Keys.Errors;
using Kavach.Hosting.Startup;

namespace Kavach.Server.Http;

/// <summary>
/// The one place the HTTP layer asks whether the key manager can serve key operations yet (database and vault open,
/// start-up keys made), and the error a request gets while it cannot.
/// </summary>
internal static class KeyManagerReadiness
{
    /// <summary>The error of a key operation before the key manager is ready (HTTP 503).</summary>
    public static readonly KavachError NotReady = new(ErrorCodes.InternalServerError.Code, "Service not ready; retry later");

    /// <summary>True once the key manager is ready.</summary>
    public static bool IsReady(IServiceProvider services) => services.GetRequiredService<KavachReadiness>().IsReady;
}
