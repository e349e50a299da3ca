using Kavach.Keys.Errors;

namespace Kavach.Devices.Protocol;

/// <summary>
/// The protocol's error codes (<c>KER-DEV-001</c>–<c>019</c>). Every refusal of a device message — size, JOSE,
/// certificate, payload, time window, replay, digital id — is the one <see cref="MessageRefused"/>, so a sender learns
/// nothing about which check failed; the reason travels separately (<see cref="MessageRefusal"/>) to the audit record.
/// </summary>
public static class DeviceMessageErrors
{
    /// <summary>The one answer to a device message that fails any check (server side).</summary>
    public static readonly KavachError MessageRefused = new("KER-DEV-001", "Device message refused.");

    /// <summary>The one answer to a server response that fails any check (client side: the device agent).</summary>
    public static readonly KavachError ResponseRefused = new("KER-DEV-002", "Server response refused.");

    /// <summary>The server's message keys or the device CA are not available: nothing is accepted until they are.</summary>
    public static readonly KavachError NotAvailable = new("KER-DEV-003", "Device messaging not available.");
}
