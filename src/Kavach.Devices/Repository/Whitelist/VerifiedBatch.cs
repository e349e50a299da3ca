using System.Security.Cryptography.X509Certificates;

namespace Kavach.Devices.Repository.Whitelist;

/// <summary>A batch file whose JWS is well formed and whose signature verifies under its <c>x5c</c> certificate (trust not yet checked).</summary>
internal sealed record VerifiedBatch(WhitelistBatchFile Payload, X509Certificate2 FactoryCertificate, string BatchSha256);
