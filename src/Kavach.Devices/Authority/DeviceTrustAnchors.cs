using System.Security.Cryptography.X509Certificates;

namespace Kavach.Devices.Authority;

/// <summary>What device certificates chain to: the device issuing CA certificates and the root that issued them.</summary>
/// <param name="IssuingCas">The device CA certificates still valid, newest first.</param>
/// <param name="Root">The root above them (ROOT of the key manager).</param>
public sealed record DeviceTrustAnchors(IReadOnlyList<X509Certificate2> IssuingCas, X509Certificate2 Root);
