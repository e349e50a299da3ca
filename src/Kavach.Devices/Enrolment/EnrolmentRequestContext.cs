using System.Security.Cryptography.X509Certificates;

namespace Kavach.Devices.Enrolment;

/// <summary>What the host knows about an enrolment request besides its body.</summary>
/// <param name="Audience">The exact URL of the endpoint called (the payload's <c>aud</c> must equal it).</param>
/// <param name="ClientCertificate">The TLS client certificate, when one was presented (required on confirm).</param>
/// <param name="ClientAddress">The client's network address, for the audit record.</param>
/// <param name="RequestId">The request id, for the audit record.</param>
public sealed record EnrolmentRequestContext(string Audience, X509Certificate2? ClientCertificate = null, string? ClientAddress = null, string? RequestId = null);
