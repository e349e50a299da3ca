using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Registry;

namespace Kavach.Devices.Rotation;

/// <summary>The pending certificate of a rotation, as returned to the device (the same on every retry of the same request).</summary>
/// <param name="RotationId">The rotation.</param>
/// <param name="Certificate">The new certificate's row (status Pending).</param>
/// <param name="Chain">The new certificate, its CA and the root: the response's <c>certChain</c>.</param>
public sealed record RotationIssue(string RotationId, DeviceCertificateRecord Certificate, IReadOnlyList<X509Certificate2> Chain);
