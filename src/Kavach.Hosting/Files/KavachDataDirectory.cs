using Kavach.Hosting.Configuration;

namespace Kavach.Hosting.Files;

/// <summary>
/// The data directory of this process, made the owner's alone (0700) once, before the first file in it is opened:
/// the store and vault registrations ask for it, so every host secures it the same way.
/// </summary>
public sealed class KavachDataDirectory
{
    private readonly Lazy<string> _secured;

    /// <summary>Creates the service.</summary>
    public KavachDataDirectory(IOptions<KavachOptions> options, ILogger<KavachDataDirectory> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = options.Value.DataDirectory;
        _secured = new Lazy<string>(
            () =>
            {
                DataDirectory.Secure(path, logger);
                return path;
            },
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The absolute path, after making sure the directory exists with mode 0700.</summary>
    /// <exception cref="Composition.KavachConfigurationException">It is open to others and cannot be tightened.</exception>
    public string Path => _secured.Value;
}
