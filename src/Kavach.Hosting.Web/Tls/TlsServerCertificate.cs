using System.Security.Cryptography.X509Certificates;

namespace Kavach.Hosting.Web.Tls;

/// <summary>A server certificate ready for use: the leaf with its private key, the chain to send, and its key alias.</summary>
/// <param name="Leaf">The leaf certificate with its private key.</param>
/// <param name="Chain">The issuing certificates (KERNEL master, ROOT).</param>
/// <param name="AliasId">The <c>key_alias</c> id of the TLS key (null for a supplied certificate).</param>
public sealed record TlsServerCertificate(X509Certificate2 Leaf, X509Certificate2Collection Chain, string? AliasId)
{
    /// <summary>True when this call issued the certificate (a key lifecycle event to audit).</summary>
    public bool Issued { get; init; }
}
