using Kavach.Keys.Errors;

namespace Kavach.Devices.Hooks;

/// <summary>Codes of the outbound hooks (<c>KER-DEV-130</c>…<c>134</c>).</summary>
public static class HookErrors
{
    /// <summary>A delivery attempt failed (the audit outcome of a failed attempt; the outbox retries it).</summary>
    public static readonly KavachError DeliveryFailed = new("KER-DEV-130", "Hook delivery failed.");
}
