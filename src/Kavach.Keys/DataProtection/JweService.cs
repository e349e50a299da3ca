using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Kavach.Crypto;
using Kavach.Crypto.Jose;
using Kavach.Keys.Access;
using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.Keys.Management;

namespace Kavach.Keys.DataProtection;

/// <summary><c>/jwtEncrypt</c> and <c>/jwtDecrypt</c>: RSA-OAEP-256 + A256GCM compact JWE with MOSIP's header (spec §3.6).</summary>
public sealed class JweService
{
    private readonly KeyRing _ring;
    private readonly SessionKeyDecryptor _sessionKeys;
    private readonly KeyAccessPolicy _access;

    /// <summary>Creates the service.</summary>
    public JweService(KeyRing ring, SessionKeyDecryptor sessionKeys, KeyAccessPolicy access)
    {
        _ring = ring;
        _sessionKeys = sessionKeys;
        _access = access;
    }

    /// <summary>Whether decoded payloads must be JSON (<c>mosip.kernel.keymanager.jwtEncrypt.validate.json</c>).</summary>
    public bool ValidateJson { get; set; } = true;

    /// <summary>Encrypts <paramref name="data"/> (base64url JSON, or a compact JWS as is) for a certificate or (appId, refId).</summary>
    public async Task<Result<string>> EncryptAsync(JweEncryptRequest request, Caller caller, CancellationToken cancellationToken)
    {
        X509Certificate2 certificate;
        if (Pem.TryParseCertificate(request.X509Certificate, out var supplied))
        {
            certificate = supplied;
        }
        else
        {
            if (string.IsNullOrWhiteSpace(request.ApplicationId))
            {
                return ErrorCodes.InvalidRequest with { Message = "request.applicationId should not be null or empty" };
            }

            if (EnvelopeService.ValidateEncryptionKeyIds(request.ApplicationId, request.ReferenceId) is { } refused)
            {
                return refused;
            }

            var key = await _ring.GetCurrentAsync(request.ApplicationId, request.ReferenceId!, caller, cancellationToken);
            if (!key.IsSuccess)
            {
                return key.Error;
            }

            certificate = key.Value.Certificate;
        }

        using var rsa = certificate.GetRSAPublicKey();
        if (rsa is null || rsa.KeySize != 2048)
        {
            return ErrorCodes.EncryptNotAllowed;
        }

        byte[] payload;
        if (request.Data.Split('.').Length == 3)
        {
            payload = System.Text.Encoding.UTF8.GetBytes(request.Data);
        }
        else if (!Base64Url.TryDecodeUrlSafe(request.Data, out payload))
        {
            return ErrorCodes.NotBase64;
        }
        else if (ValidateJson && !IsJson(payload))
        {
            return ErrorCodes.InvalidJson;
        }

        var thumbprint = JoseKeyIds.CertificateThumbprintS256(certificate);
        var deflate = request.EnableDefCompression ?? true;
        var header = new JoseHeader()
            .Add("cty", "JWT")
            .Add("typ", "JWT")
            .Add("alg", JweCompact.KeyManagementAlgorithm)
            .Add("enc", JweCompact.ContentEncryptionAlgorithm)
            .Add("kid", thumbprint);
        if (deflate)
        {
            header.Add("zip", JweCompact.DeflateCompression);
        }

        if (request.IncludeCertificate)
        {
            header.Add("x5c", [JoseKeyIds.X5c(certificate)]);
        }

        if (request.IncludeCertHash)
        {
            header.Add("x5t#S256", thumbprint);
        }

        if (!string.IsNullOrWhiteSpace(request.JwkSetUrl))
        {
            header.Add("jku", request.JwkSetUrl);
        }

        return JweCompact.Encrypt(header, payload, rsa, deflate);
    }

    /// <summary>
    /// Decrypts a JWE made for a database-held key of <paramref name="appId"/>; master keys are refused (KER-KMS-018).
    /// Every other failure gives KER-CRY-015; a <paramref name="caller"/> not bound to the application gets KER-CRY-012.
    /// </summary>
    public async Task<Result<string>> DecryptAsync(string appId, string refId, string compact, Caller caller, CancellationToken cancellationToken)
    {
        if (!_access.IsBound(appId, caller))
        {
            return ErrorCodes.DecryptNotAllowed;
        }

        if (!JweCompact.TryReadHeader(compact, out var header) ||
            !JoseKeyIds.TryThumbprintHexFromKid(header.Kid, out var thumbprintHex))
        {
            return ErrorCodes.JweDecryptionError;
        }

        var parts = compact.Split('.');
        if (parts.Length != 5 || !Base64Url.TryDecodeUrlSafe(parts[1], out var encryptedKey))
        {
            return ErrorCodes.JweDecryptionError;
        }

        var alias = await _sessionKeys.FindAsync(appId, refId, Convert.FromHexString(thumbprintHex), cancellationToken);
        if (!alias.IsSuccess)
        {
            return alias.Error;
        }

        var cek = await _sessionKeys.UnwrapAsync(alias.Value, encryptedKey, allowVaultKeys: false, cancellationToken);
        if (!cek.IsSuccess)
        {
            return cek.Error == ErrorCodes.DecryptionNotAllowed ? cek.Error : ErrorCodes.JweDecryptionError;
        }

        try
        {
            return JweCompact.TryDecrypt(compact, _ => cek.Value, out _, out var plaintext)
                ? Base64Url.Encode(plaintext)
                : ErrorCodes.JweDecryptionError;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(cek.Value);
        }
    }

    private static bool IsJson(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
