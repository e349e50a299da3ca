using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Policy;

/// <summary>The daily policy job's log lines: serials, counts and certificate names, never keys.</summary>
internal static partial class PolicyLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Daily device policy run for {Day} claimed by {Node}")]
    public static partial void Claimed(ILogger logger, string day, string node);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Daily device policy run for {Day} already claimed; {Node} skips it")]
    public static partial void AlreadyClaimed(ILogger logger, string day, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily device policy report for {Day}: {Summary}")]
    public static partial void Report(ILogger logger, string day, string summary);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {SerialNo} has not checked in since {LastCheckin}: offline")]
    public static partial void Stale(ILogger logger, string serialNo, DateTimeOffset? lastCheckin);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Certificate expiry warning: {Warning}")]
    public static partial void ExpiryWarning(ILogger logger, string warning);

    [LoggerMessage(Level = LogLevel.Error, Message = "Daily device policy step {Step} failed")]
    public static partial void StepFailed(ILogger logger, Exception exception, string step);

    [LoggerMessage(Level = LogLevel.Error, Message = "The daily device policy service failed; it tries again at its next tick")]
    public static partial void ServiceFailed(ILogger logger, Exception exception);
}
