using Microsoft.Extensions.Logging;

namespace Kavach.Vaults.Pkcs11;

/// <summary>What the PKCS#11 vault logs: aliases, return codes and states, never a PIN or key material.</summary>
internal static partial class Pkcs11Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "PKCS#11 vault connected to token {TokenLabel} (slot {Slot}, up to {MaxSessions} sessions)")]
    public static partial void Connected(ILogger logger, string tokenLabel, ulong slot, int maxSessions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PKCS#11 token {TokenLabel} is unreachable: {Reason}; operations fail with 503 until it is back")]
    public static partial void Lost(ILogger logger, string tokenLabel, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PKCS#11 connection to {TokenLabel} failed (attempt {Attempt}): {Reason}")]
    public static partial void ReconnectFailed(ILogger logger, string tokenLabel, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "PKCS#11 token {TokenLabel} stays unreachable: no connection attempt for {Seconds} s, calls fail at once meanwhile")]
    public static partial void BackingOff(ILogger logger, string tokenLabel, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "PKCS#11 token {TokenLabel} is back after {Attempts} attempts")]
    public static partial void Recovered(ILogger logger, string tokenLabel, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PKCS#11 operation {Operation} on {Alias} failed ({Reason}) while the token answers; the session is replaced")]
    public static partial void OperationFailed(ILogger logger, string operation, string alias, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "PKCS#11 token {TokenLabel} lacks RSA-OAEP with SHA-256 ({Reason}): OAEP is decoded in software over raw RSA (CKM_RSA_X_509) inside the token")]
    public static partial void SoftwareOaep(ILogger logger, string tokenLabel, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "PKCS#11 token {TokenLabel} refused the PIN ({Reason}); the vault will not log in with this PIN again (an HSM locks after a few wrong PINs)")]
    public static partial void PinRefused(ILogger logger, string tokenLabel, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PKCS#11 clean-up of {Alias} after a failed key creation did not finish: {Reason}")]
    public static partial void CleanupFailed(ILogger logger, string alias, string reason);
}
