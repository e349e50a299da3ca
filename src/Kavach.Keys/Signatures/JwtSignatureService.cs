using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Kavach.Crypto;
using Kavach.Crypto.Jose;
using Kavach.Keys.Access;
using Kavach.Keys.Errors;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Management;

namespace Kavach.Keys.Signatures;

/// <summary><c>/jwtSign</c>, <c>/jwsSign</c> and their <c>/v2</c> forms (spec §3.8 a–d).</summary>
public sealed class JwtSignatureService
{
    /// <summary>The <c>kid</c> prefix meaning "the payload's <c>iss</c> followed by #".</summary>
    public const string PayloadIssuerPrefix = "PAYLOAD_ISSUER";

    private static readonly HashSet<string> RegisteredJwsHeaders = new(StringComparer.Ordinal)
    {
        "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit", "b64",
    };

    private readonly SigningKeyProvider _keys;
    private readonly CertificateService _certificates;
    private readonly KeyAccessPolicy _access;

    /// <summary>Creates the service.</summary>
    public JwtSignatureService(SigningKeyProvider keys, CertificateService certificates, KeyAccessPolicy access)
    {
        _keys = keys;
        _certificates = certificates;
        _access = access;
    }

    /// <summary><c>mosip.kernel.keymanager.jwtsign.validate.json</c>: jwtSign payloads must be JSON.</summary>
    public bool ValidateJwtJson { get; set; } = true;

    /// <summary><c>mosip.kernel.keymanager.jwtsign.include.keyid</c>.</summary>
    public bool IncludeKeyId { get; set; } = true;

    /// <summary><c>mosip.kernel.keymanager.signature.kid.prepend</c>: "" or <see cref="PayloadIssuerPrefix"/> or a fixed text.</summary>
    public string KeyIdPrefix { get; set; } = string.Empty;

    /// <summary>Signs as <c>/jwtSign</c> (v1: certificate in x5c) or <c>/jwtSign/v2</c> (chain in x5c, extra headers).</summary>
    public Task<Result<string>> JwtSignAsync(SignRequest request, bool v2, Caller caller, CancellationToken cancellationToken) =>
        SignAsync(request, jws: false, v2, caller, cancellationToken);

    /// <summary>Signs as <c>/jwsSign</c> or <c>/jwsSign/v2</c> (RFC 7797 capable).</summary>
    public Task<Result<string>> JwsSignAsync(SignRequest request, bool v2, Caller caller, CancellationToken cancellationToken) =>
        SignAsync(request, jws: true, v2, caller, cancellationToken);

    private async Task<Result<string>> SignAsync(SignRequest request, bool jws, bool v2, Caller caller, CancellationToken cancellationToken)
    {
        var (appId, refId) = SigningIds(request.ApplicationId, request.ReferenceId);
        if (!await _access.AuthorizeAsync(appId, caller, cancellationToken))
        {
            return ErrorCodes.SignNotAllowed;
        }

        if (!Base64Url.TryDecodeLenient(request.DataToSign, out var payload))
        {
            return ErrorCodes.SignInputInvalid;
        }

        var mustBeJson = jws ? request.ValidateJson : ValidateJwtJson;
        JsonElement? json = TryParseJson(payload);
        if (mustBeJson && json is null)
        {
            return ErrorCodes.SignInputNotJson;
        }

        var key = await _keys.GetAsync(appId, refId, cancellationToken);
        if (!key.IsSuccess)
        {
            return key.Error;
        }

        var algorithm = jws ? ChooseAlgorithm(request.SignAlgorithm, key.Value) : key.Value.JwtAlgorithm;
        var b64 = !jws || request.B64JwsHeaderParam;
        var header = await BuildHeaderAsync(request, key.Value, algorithm, b64, jws, v2, json, cancellationToken);
        if (!header.IsSuccess)
        {
            return header.Error;
        }

        var signer = await _keys.PrepareAsync(key.Value, algorithm, cancellationToken);
        if (!signer.IsSuccess)
        {
            return signer.Error;
        }

        using (signer.Value)
        {
            try
            {
                return JwsCompact.Sign(header.Value, payload, b64, request.IncludePayload, signer.Value.Sign);
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                return ErrorCodes.SignError;
            }
        }
    }

    private async Task<Result<JoseHeader>> BuildHeaderAsync(
        SignRequest request, SigningKey key, JwsAlgorithm algorithm, bool b64, bool jws, bool v2, JsonElement? payload, CancellationToken cancellationToken)
    {
        var header = new JoseHeader();
        var extra = request.AdditionalHeaders ?? new Dictionary<string, string>();

        // MOSIP 1.3 puts alg first in v1 headers and last in v2 headers.
        if (!v2)
        {
            header.Add("alg", algorithm.ToHeaderName());
        }

        var crit = new List<string>();
        if (!b64)
        {
            header.Add("b64", false);
            crit.Add("b64");
        }

        if (request.IncludeCertificate)
        {
            var chain = v2 ? await _certificates.BuildPathAsync(key.Certificate, cancellationToken) : [];
            header.Add("x5c", (chain.Count > 0 ? chain : [key.Certificate]).Select(c => JoseKeyIds.X5c(c.RawData)).ToList());
        }

        if (request.IncludeCertHash)
        {
            header.Add("x5t#S256", JoseKeyIds.CertificateThumbprintS256(key.Certificate));
        }

        if (!string.IsNullOrWhiteSpace(request.CertificateUrl))
        {
            header.Add("x5u", request.CertificateUrl);
        }

        var prefix = KeyIdPrefixFor(payload);
        if (v2)
        {
            foreach (var (name, value) in extra)
            {
                if (name == "kid")
                {
                    prefix = value.EndsWith('#') ? value : value + "#";
                }
                else if (name == "crit")
                {
                    crit.AddRange(value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Except(crit));
                }
                else if (!jws || !RegisteredJwsHeaders.Contains(name) || name is "typ" or "jku" or "cty")
                {
                    if (!header.Contains(name) && name != "alg")
                    {
                        header.Add(name, value);
                    }
                }
            }
        }

        if (crit.Count > 0)
        {
            header.Add("crit", crit);
        }

        if (IncludeKeyId && key.KeyId is { } keyId)
        {
            header.Add("kid", prefix + keyId);
        }

        if (v2)
        {
            header.Add("alg", algorithm.ToHeaderName());
        }

        return header;
    }

    private string KeyIdPrefixFor(JsonElement? payload)
    {
        if (KeyIdPrefix != PayloadIssuerPrefix)
        {
            return KeyIdPrefix;
        }

        return payload is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty("iss", out var iss) && iss.ValueKind == JsonValueKind.String
            ? iss.GetString() + "#"
            : string.Empty;
    }

    /// <summary>Blank application id means KERNEL/SIGN; a missing reference id means the master key.</summary>
    internal static (string AppId, string RefId) SigningIds(string? appId, string? refId) =>
        string.IsNullOrWhiteSpace(appId) ? (KeyIds.Kernel, KeyIds.Sign) : (appId, refId?.Trim() ?? string.Empty);

    /// <summary>
    /// The requested algorithm, or the key's default when blank or unknown (MOSIP falls back to PS256 even for EC
    /// keys, which then fail). A known algorithm the key cannot make fails later with KER-JWS-104.
    /// </summary>
    internal static JwsAlgorithm ChooseAlgorithm(string? requested, SigningKey key) =>
        JwsAlgorithms.TryParse(requested, out var algorithm) ? algorithm : key.JwsAlgorithm;

    private static JsonElement? TryParseJson(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(payload));
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
