using System.Globalization;
using Kavach.Crypto;
using Kavach.Keys.Certificates;
using Kavach.Server.Endpoints.Dtos;
using Kavach.Server.Endpoints.Dtos.Trust;

namespace Kavach.Server.Audit;

/// <summary>
/// Reads what the audit trail records from a typed request: application and reference ids, the key a ciphertext
/// names, short non-secret details, and an identity to hash. Never data, PINs, keys, tokens or raw identities.
/// </summary>
internal static class RequestDescriber
{
    private const int MaxValue = 64;

    /// <summary>Fills <paramref name="state"/> from the request body (or, for GETs, the query and route).</summary>
    public static void Describe(HttpContext context, object? request, RequestAuditState state)
    {
        var objectType = RouteValue(context, "objectType");
        switch (request)
        {
            case null:
                state.AppId = Query(context, "applicationId");
                state.RefId = Query(context, "referenceId");
                state.Detail = Join(Pair("partnerCertId", RouteValue(context, "partnerCertId")), Pair("caCertId", RouteValue(context, "caCertId")));
                break;
            case CryptomanagerRequestDto r:
                (state.AppId, state.RefId) = (r.ApplicationId, r.ReferenceId);
                state.RequestKeyRef = KeyRefs.FromEnvelope(r.Data);
                break;
            case JwtDecryptRequestDto r:
                (state.AppId, state.RefId) = (r.ApplicationId, r.ReferenceId);
                state.RequestKeyRef = KeyRefs.FromJoseHeader(r.EncData);
                break;
            case KeyPairGenerateRequestDto r:
                (state.AppId, state.RefId) = (r.ApplicationId, r.ReferenceId);
                state.Detail = Join(Pair("objectType", objectType), Pair("force", Flag(r.Force)));
                break;
            case CsrGenerateRequestDto r:
                (state.AppId, state.RefId) = (r.ApplicationId, r.ReferenceId);
                break;
            case UploadCertificateRequestDto r:
                (state.AppId, state.RefId) = (r.ApplicationId, r.ReferenceId);
                state.Detail = Pair("certificate", Thumbprint(r.CertificateData));
                break;
            case RevokeKeyRequestDto r:
                (state.AppId, state.RefId) = (r.ApplicationId, r.ReferenceId);
                break;
            case SymmetricKeyGenerateRequestDto r:
                (state.AppId, state.RefId) = (r.ApplicationId, r.ReferenceId);
                state.Detail = Pair("force", Flag(r.Force));
                break;
            case SignatureRequestDto r:
                (state.AppId, state.RefId) = (r.ApplicationId, r.ReferenceId);
                break;
            case RawSignRequestDto r:
                (state.AppId, state.RefId) = (r.ApplicationId, r.ReferenceId);
                break;
            case ZkCryptoRequestDto r:
                state.IdentityToHash = string.IsNullOrEmpty(r.Id) ? null : r.Id;
                state.Detail = Pair("attributes", (r.ZkDataAttributes?.Count ?? 0).ToString(CultureInfo.InvariantCulture));
                break;
            case CaCertificateRequestDto r:
                state.Detail = Join(Pair("domain", r.PartnerDomain), Pair("certificate", Thumbprint(r.CertificateData)));
                break;
            case PartnerCertificateRequestDto r:
                state.Detail = Join(Pair("domain", r.PartnerDomain), Pair("organization", r.OrganizationName), Pair("certificate", Thumbprint(r.CertificateData)));
                break;
            case CrlUploadRequestDto r:
                state.Detail = Pair("domain", r.PartnerDomain);
                break;
            default:
                // PIN, client-crypto, Argon2, verification and trust queries: nothing but the operation is worth keeping.
                break;
        }
    }

    /// <summary>The key a response names: a signature's kid or x5t#S256.</summary>
    public static string? ResponseKeyRef(object? response) => response switch
    {
        RawSignResponseDto r when !string.IsNullOrEmpty(r.KeyId) => "kid:" + r.KeyId,
        RawSignResponseDto r => Thumbprint(r.Certificate) is { } t ? "thumbprint:" + t : null,
        JwtSignatureResponseDto r => KeyRefs.FromJoseHeader(r.JwtSignedData),
        _ => null,
    };

    private static string? Query(HttpContext context, string name) =>
        context.Request.Query.TryGetValue(name, out var value) ? value.ToString() : null;

    private static string? RouteValue(HttpContext context, string name) =>
        context.Request.RouteValues.TryGetValue(name, out var value) ? value?.ToString() : null;

    private static string? Flag(bool? value) => value is { } b ? (b ? "true" : "false") : null;

    private static string? Thumbprint(string? pem) =>
        Pem.TryParseCertificate(pem, out var certificate) ? Thumbprints.Sha256UpperHex(certificate.RawData) : null;

    private static string? Pair(string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var cut = value.Length > MaxValue ? value[..MaxValue] : value;
        return name + "=" + string.Concat(cut.Select(c => char.IsWhiteSpace(c) || c == '=' ? '_' : c));
    }

    private static string? Join(params string?[] parts)
    {
        var present = parts.Where(p => p is not null).ToList();
        return present.Count == 0 ? null : string.Join(' ', present);
    }
}
