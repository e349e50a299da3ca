using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Kavach.Crypto.Jose;
using Kavach.Keys.Errors;

namespace Kavach.Devices.Repository.Whitelist;

/// <summary>
/// Reads a batch file strictly (RFC 8725): compact JWS, protected header of exactly <c>alg</c> = RS256, <c>typ</c> =
/// <see cref="WhitelistBatchFormat.Type"/> and <c>x5c</c> with one certificate (no <c>jku</c>, <c>x5u</c>, <c>kid</c>,
/// <c>crit</c>), an RSA key of at least 2048 bits, then the JSON payload with no unknown or duplicate members. Whether
/// the certificate is trusted is the caller's next step.
/// </summary>
internal static class WhitelistBatchReader
{
    private static readonly HashSet<string> AllowedHeaderMembers = new(["alg", "typ", "x5c"], StringComparer.Ordinal);

    private static readonly JsonSerializerOptions Json = new()
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        MaxDepth = 8,
    };

    /// <summary>The verified batch, or why not: <see cref="DeviceRepositoryErrors.BatchMalformed"/> for structure, <see cref="DeviceRepositoryErrors.BatchSignatureInvalid"/> for the signature.</summary>
    public static Result<VerifiedBatch> Read(string batch)
    {
        if (!JwsCompact.TryParse(batch, out var parts) || parts.IsDetached)
        {
            return DeviceRepositoryErrors.BatchMalformed.Format("not a compact JWS");
        }

        var header = parts.Header;
        if (header.MemberNames.Any(name => !AllowedHeaderMembers.Contains(name)) ||
            !string.Equals(header.Alg, WhitelistBatchFormat.Algorithm, StringComparison.Ordinal) ||
            !string.Equals(header.Typ, WhitelistBatchFormat.Type, StringComparison.Ordinal))
        {
            return DeviceRepositoryErrors.BatchMalformed.Format("header");
        }

        if (!header.TryDecodeX5c(out var chain) || chain.Count != 1)
        {
            return DeviceRepositoryErrors.BatchMalformed.Format("x5c");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(chain[0]);
        }
        catch (CryptographicException)
        {
            return DeviceRepositoryErrors.BatchMalformed.Format("x5c");
        }

        using (var rsa = certificate.GetRSAPublicKey())
        {
            if (rsa is null || rsa.KeySize < WhitelistBatchFormat.MinRsaKeyBits || !JwsCompact.Verify(parts, certificate))
            {
                certificate.Dispose();
                return DeviceRepositoryErrors.BatchSignatureInvalid;
            }
        }

        if (!parts.TryGetPayload(out var payloadBytes))
        {
            certificate.Dispose();
            return DeviceRepositoryErrors.BatchMalformed.Format("payload");
        }

        WhitelistBatchFile? payload;
        try
        {
            payload = JsonSerializer.Deserialize<WhitelistBatchFile>(payloadBytes, Json);
        }
        catch (JsonException)
        {
            payload = null;
        }

        if (payload is null || payload.Entries is null)
        {
            certificate.Dispose();
            return DeviceRepositoryErrors.BatchMalformed.Format("payload");
        }

        return new VerifiedBatch(payload, certificate, Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(batch))));
    }
}
