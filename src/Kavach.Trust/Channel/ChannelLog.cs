using Microsoft.Extensions.Logging;

namespace Kavach.Trust.Channel;

/// <summary>Partner onboarding's log messages: partner ids, serials, codes — never certificates or keys.</summary>
internal static partial class ChannelLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Partner {PartnerId} onboarded in domain {Domain} for application {ApplicationId}; TLS serial {Serial}")]
    public static partial void Onboarded(ILogger logger, string partnerId, string domain, string applicationId, string serial);

    [LoggerMessage(Level = LogLevel.Information, Message = "Partner {PartnerId} not onboarded: {Code} {Message}")]
    public static partial void OnboardingRefused(ILogger logger, string partnerId, string code, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Partner {PartnerId} renewed its TLS certificate: serial {Serial}, previous {Previous}")]
    public static partial void Renewed(ILogger logger, string partnerId, string serial, string previous);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partner {PartnerId} revoked")]
    public static partial void Revoked(ILogger logger, string partnerId);
}
