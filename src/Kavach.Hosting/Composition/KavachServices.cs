using Kavach.Hosting.Configuration;

namespace Kavach.Hosting.Composition;

/// <summary>Kavach's registrations in a plain service provider, for tools and tests that are not hosts (a second replica, a seeding tool).</summary>
public static class KavachServices
{
    /// <summary>
    /// A provider over <paramref name="options"/>; dispose it with <c>await using</c> (the audit trail flushes and the
    /// store closes asynchronously).
    /// </summary>
    public static ServiceProvider Create(KavachOptions options, TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var services = new ServiceCollection();
        if (loggers is not null)
        {
            services.AddSingleton(loggers);
        }

        services.AddLogging();
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddKavach(options);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });
        provider.ValidateKavachConfiguration();
        return provider;
    }
}
