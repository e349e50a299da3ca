using Kavach.Trust.Paths;
using Kavach.Trust.Storage;

namespace Kavach.Trust.Authorities;

/// <summary>A CA certificate of the trust store and whether it validates in its domain now (for operators).</summary>
public sealed record TrustStoreEntry(CaCertificateRecord Record, TrustVerdict Verdict);
