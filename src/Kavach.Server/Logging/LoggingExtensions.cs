using Microsoft.Extensions.Options;

namespace Kavach.Server.Logging;

/// <summary>Kavach's logging rules that hold whatever the configuration says (see <see cref="RequestPathLogGuard"/>).</summary>
internal static class LoggingExtensions
{
    /// <summary>Registers the guard that keeps request paths out of the logs.</summary>
    public static ILoggingBuilder AddKavachLogGuards(this ILoggingBuilder logging)
    {
        logging.Services.AddSingleton<IPostConfigureOptions<LoggerFilterOptions>, RequestPathLogGuard>();
        return logging;
    }
}
