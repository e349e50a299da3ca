using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Kavach.Hosting.Web.Tls;

/// <summary>
/// A change another feature makes to every Kavach HTTPS endpoint (mTLS: <c>ClientCertificateMode.AllowCertificate</c>).
/// Register with <see cref="TlsServerExtensions.ConfigureKavachHttps"/>; hooks run after Kavach's own settings, and then
/// the protocol floor (TLS 1.2) and the server certificate are enforced again, so no hook can weaken them.
/// </summary>
/// <param name="Configure">The change.</param>
public sealed record HttpsEndpointHook(Action<HttpsConnectionAdapterOptions> Configure);
