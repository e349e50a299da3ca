using System.Security.Cryptography.X509Certificates;
using Kavach.Trust.Storage;

namespace Kavach.Trust.Paths;

/// <summary>A trusted path remembered for a target, usable while every certificate on it is inside its validity period.</summary>
internal sealed record CachedPath(IReadOnlyList<X509Certificate2> Path, CaCertificateRecord? Issuer, DateTime ValidFrom, DateTime ValidUntil);
