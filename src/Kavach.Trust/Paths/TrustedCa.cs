using System.Security.Cryptography.X509Certificates;
using Kavach.Trust.Storage;

namespace Kavach.Trust.Paths;

/// <summary>A CA certificate of a domain's trust view: its row, the parsed certificate and what the path builder needs.</summary>
internal sealed record TrustedCa(CaCertificateRecord Record, X509Certificate2 Certificate, bool IsSelfSigned, string KeyHash);
