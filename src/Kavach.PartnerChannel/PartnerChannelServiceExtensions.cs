using Kavach.PartnerChannel.Auditing;
using Kavach.PartnerChannel.Replay;
using Kavach.PartnerChannel.Service;
using Kavach.Trust.Channel;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kavach.PartnerChannel;

/// <summary>
/// Registers and mounts the service side of the partner channel. The host registers <see cref="Partners.IPartnerResolver"/>,
/// <see cref="Keys.IChannelSigner"/> and <see cref="Keys.IChannelDecryptor"/>; the audit defaults to a log line
/// (<see cref="LoggingPartnerChannelAudit"/>) and the replay ledger to <see cref="InMemoryReplayLedger"/> (one
/// process only: with several replicas register the database ledger).
/// </summary>
public static class PartnerChannelServiceExtensions
{
    /// <summary>Registers the middleware's options and defaults.</summary>
    public static IServiceCollection AddPartnerChannelService(this IServiceCollection services, Action<PartnerChannelServiceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PartnerChannelServiceOptions>()
            .Configure(configure)
            .Validate(o => o.ClockSkew > TimeSpan.Zero && o.ClockSkew <= TimeSpan.FromHours(1), "Partner channel ClockSkew must be between 0 and 1 hour.")
            .Validate(o => o.MaxBodyBytes > 0 && o.MaxBodyBytes <= int.MaxValue, "Partner channel MaxBodyBytes must be positive and below 2 GiB.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ApplicationId), "Partner channel ApplicationId is required.")
            .Validate(o => Enum.IsDefined(o.Profile), "Partner channel Profile must be mosip or kavach.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPartnerChannelAudit, LoggingPartnerChannelAudit>();
        services.TryAddSingleton<IReplayLedger>(sp => new InMemoryReplayLedger(sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>Mounts the middleware: everything after it sees only verified partner requests.</summary>
    public static IApplicationBuilder UsePartnerChannel(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        _ = app.ApplicationServices.GetRequiredService<IOptions<PartnerChannelServiceOptions>>().Value;
        return app.UseMiddleware<PartnerChannelMiddleware>();
    }
}
