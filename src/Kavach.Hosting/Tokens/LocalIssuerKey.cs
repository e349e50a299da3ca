using System.Security.Cryptography.X509Certificates;

namespace Kavach.Hosting.Tokens;

/// <summary>A key of the local issuer that verifies tokens now: its <c>kid</c> and certificate.</summary>
public sealed record LocalIssuerKey(string KeyId, X509Certificate2 Certificate);
