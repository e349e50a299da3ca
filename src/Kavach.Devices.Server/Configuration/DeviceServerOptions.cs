using Kavach.Hosting.Composition;

namespace Kavach.Devices.Server.Configuration;

/// <summary>
/// The device server's own settings (<c>Kavach:DeviceServer</c>); everything else (data directory, database, vault,
/// TLS certificate, tokens, Kestrel limits, telemetry) is <c>Kavach:*</c> as for the key manager.
/// </summary>
public sealed class DeviceServerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Kavach:DeviceServer";

    /// <summary>Largest body of a device route (spec §4.3: 64 KiB); more gets 413.</summary>
    public long MaxDeviceBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Largest body of an admin JSON route (whitelist batches are the big ones).</summary>
    public long MaxAdminBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest firmware artifact an administrator may upload.</summary>
    public long MaxArtifactBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Requests per address and window on the routes open without a client certificate (enrolment, time).</summary>
    public int AnonymousPermitsPerWindow { get; set; } = 60;

    /// <summary>The window of <see cref="AnonymousPermitsPerWindow"/>.</summary>
    public TimeSpan AnonymousWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Also accept TLS 1.2 (only for device platforms that cannot do TLS 1.3; spec §4.2).</summary>
    public bool AllowTls12 { get; set; }

    /// <summary>The operator console's cross-origin access to the admin API (<c>Kavach:DeviceServer:Console</c>).</summary>
    public DeviceConsoleOptions Console { get; set; } = new();

    /// <summary>Checks the values; the message names the setting.</summary>
    public void Validate()
    {
        Require(MaxDeviceBodyBytes is >= 1024 and <= 16 * 1024 * 1024, nameof(MaxDeviceBodyBytes), "between 1 KiB and 16 MiB");
        Require(MaxAdminBodyBytes is >= 1024 and <= 256 * 1024 * 1024, nameof(MaxAdminBodyBytes), "between 1 KiB and 256 MiB");
        Require(MaxArtifactBytes >= MaxAdminBodyBytes, nameof(MaxArtifactBytes), "at least MaxAdminBodyBytes");
        Require(AnonymousPermitsPerWindow >= 1, nameof(AnonymousPermitsPerWindow), "at least 1");
        Require(AnonymousWindow >= TimeSpan.FromSeconds(1), nameof(AnonymousWindow), "at least one second");
        _ = Console.Origins();
    }

    private static void Require(bool condition, string name, string what)
    {
        if (!condition)
        {
            throw new KavachConfigurationException($"{Section}:{name}", $"must be {what}");
        }
    }
}
