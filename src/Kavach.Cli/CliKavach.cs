using Kavach.Hosting.Inventory;
using System.CommandLine;
using Kavach.Cli.Commands;
using Kavach.Hosting.Composition;
using Kavach.Hosting.Configuration;
using Kavach.Hosting.Tokens;
using Kavach.Keys.Audit;
using Kavach.Keys.Management;
using Kavach.Keys.Policy;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;
using Kavach.Keys.ZeroKnowledge;
using Kavach.Trust;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Kavach.Cli;

/// <summary>
/// Kavach as a command sees it: a generic host with the server's configuration (its <c>appsettings.json</c>, then
/// <c>Kavach__*</c> variables, then <c>--data-dir</c>) and the same registrations (<see cref="KavachServiceCollectionExtensions.AddKavach"/>),
/// so a command and the server behave alike on one data directory. Log lines (warnings and errors) go to standard
/// error; a configuration fault stops the command with one line.
/// </summary>
internal sealed class CliKavach : IAsyncDisposable
{
    private readonly IHost _host;

    private CliKavach(IHost host) => _host = host;

    /// <summary>The options in force.</summary>
    public KavachOptions Options => Get<IOptions<KavachOptions>>().Value;

    /// <summary>Key policies.</summary>
    public KeyPolicyCatalog Policies => Get<KeyPolicyCatalog>();

    /// <summary>The key ring.</summary>
    public KeyRing Ring => Get<KeyRing>();

    /// <summary>The key store.</summary>
    public IKeyStore Store => Get<IKeyStore>();

    /// <summary>The key inventory (the same as the server's <c>/keys</c>).</summary>
    public KeyInventory Inventory => Get<KeyInventory>();

    /// <summary>The audit records and checkpoints as stored.</summary>
    public IAuditStore AuditStore => Get<IAuditStore>();

    /// <summary>The key vault.</summary>
    public IKeyVault Vault => Get<IKeyVault>();

    /// <summary>Start-up key generation.</summary>
    public KeyBootstrapper Bootstrapper => Get<KeyBootstrapper>();

    /// <summary>The partner trust store.</summary>
    public TrustServices Trust => Get<TrustServices>();

    /// <summary>Partner onboarding for the partner channel.</summary>
    public Kavach.Trust.Channel.PartnerOnboardingService PartnerOnboarding => Get<Kavach.Trust.Channel.PartnerOnboardingService>();

    /// <summary>The zero-knowledge key pool.</summary>
    public ZkKeyPool ZkPool => Get<ZkKeyPool>();

    /// <summary>The local token issuer.</summary>
    public LocalTokenIssuer Tokens => Get<LocalTokenIssuer>();

    /// <summary>The audit trail (flushed when the command ends).</summary>
    public AuditTrail Audit => Get<AuditTrail>();

    /// <summary>Builds the host for the command being run (a command that may create keys: it may create the data directory).</summary>
    /// <exception cref="CliFailureException">The configuration is wrong (the message names the setting).</exception>
    public static Task<CliKavach> OpenAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return OpenAsync(parse.GetValue(CliOptions.DataDir), cancellationToken);
    }

    /// <summary>
    /// Builds the host for a command that only reads: the data directory (and its SQLite database, when that is the
    /// store) must exist already, so a mistyped <c>--data-dir</c> fails instead of creating an empty vault and database
    /// and reporting on them.
    /// </summary>
    /// <exception cref="CliFailureException">No Kavach data directory there, or the configuration is wrong.</exception>
    public static Task<CliKavach> OpenExistingAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return OpenAsync(parse.GetValue(CliOptions.DataDir), mustExist: true, cancellationToken);
    }

    /// <summary>Builds the host on <paramref name="dataDirectory"/> (null: the configured one).</summary>
    public static Task<CliKavach> OpenAsync(string? dataDirectory, CancellationToken cancellationToken) =>
        OpenAsync(dataDirectory, mustExist: false, cancellationToken);

    private static Task<CliKavach> OpenAsync(string? dataDirectory, bool mustExist, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables();
        if (dataDirectory is { Length: > 0 })
        {
            builder.Configuration.AddInMemoryCollection([new KeyValuePair<string, string?>("Kavach:DataDir", dataDirectory)]);
        }

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddKavach(builder.Configuration);
        var host = builder.Build();
        try
        {
            if (mustExist)
            {
                RequireExisting(host.Services);
            }

            host.Services.ValidateKavachConfiguration();
        }
        catch (KavachConfigurationException e)
        {
            host.Dispose();
            throw new CliFailureException("configuration error: " + e.Message);
        }
        catch (CliFailureException)
        {
            host.Dispose();
            throw;
        }

        return Task.FromResult(new CliKavach(host));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // The container flushes the audit trail (if a command used it) before it closes the store.
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }

    /// <summary>Refuses a data directory (or default SQLite database) that does not exist, before anything could create it.</summary>
    private static void RequireExisting(IServiceProvider services)
    {
        KavachOptions options;
        try
        {
            options = services.GetRequiredService<IOptions<KavachOptions>>().Value;
        }
        catch (OptionsValidationException)
        {
            // Reported, naming the setting, by the configuration check that follows.
            return;
        }

        var directory = options.DataDirectory;
        var sqlite = string.Equals(options.Database.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(options.Database.ConnectionString);
        if (!Directory.Exists(directory) || (sqlite && !File.Exists(Path.Combine(directory, KavachSettings.SqliteFileName))))
        {
            throw new CliFailureException($"no Kavach data directory at {directory}");
        }
    }

    private T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();
}
