namespace Kavach.Devices.Server.DeviceRoutes;

/// <summary>A device request as the message services take it: the compact JOSE body, the route, the TLS certificate.</summary>
/// <param name="Compact">The body (compact JWE/JWS, ASCII), empty for GET routes.</param>
/// <param name="Audience">The exact endpoint URL the message must name in <c>aud</c> (scheme, host and path).</param>
/// <param name="ClientCertificate">The TLS client certificate the door passed on; null on an open route without one.</param>
public sealed record DeviceMessage(string Compact, string Audience, System.Security.Cryptography.X509Certificates.X509Certificate2? ClientCertificate);
