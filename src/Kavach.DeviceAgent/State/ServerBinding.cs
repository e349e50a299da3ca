namespace Kavach.DeviceAgent.State;

/// <summary>
/// The one management server a device talks to, provisioned with the agent (spec §4.2): its address, the root its TLS
/// certificate and response signatures chain to, and the SPKI pins of its TLS key (current and backup). Recorded at
/// enrolment; a later command naming another server or root is refused, never followed.
/// </summary>
/// <param name="Server">Base address, <c>https://host:port</c>.</param>
/// <param name="RootPem">The pinned server root certificate (PEM).</param>
/// <param name="Pins">Base64 SHA-256 of the TLS server key's SubjectPublicKeyInfo; empty: the root alone decides.</param>
public sealed record ServerBinding(string Server, string RootPem, IReadOnlyList<string> Pins);
