using System.Security.Cryptography;
using System.Text;
using Kavach.Crypto;
using Kavach.Crypto.Encodings;
using Kavach.Crypto.Jose;
using Kavach.Keys.Access;
using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Storage;

namespace Kavach.Keys.Signatures;

/// <summary><c>/signV2</c>, <c>/signRawData</c> (raw signatures, spec §3.8 e) and the legacy <c>/sign</c> and <c>/validate</c> (§3.8 g).</summary>
public sealed class RawSignatureService
{
    private readonly SigningKeyProvider _keys;
    private readonly KeyAccessPolicy _access;
    private readonly IKeyStore _store;
    private readonly Management.KeyRing _ring;

    /// <summary>Creates the service.</summary>
    public RawSignatureService(SigningKeyProvider keys, KeyAccessPolicy access, IKeyStore store, Management.KeyRing ring)
    {
        _keys = keys;
        _access = access;
        _store = store;
        _ring = ring;
    }

    /// <summary>
    /// A raw signature over the base64url-decoded <paramref name="dataToSign"/>, encoded as <c>base64url</c> or
    /// <c>base58btc</c> (multibase, the default); any other encoding is KER-KMS-036.
    /// </summary>
    public async Task<Result<RawSignature>> SignAsync(string dataToSign, string? appId, string? refId, string? encoding, string? algorithmName, Caller caller, CancellationToken cancellationToken)
    {
        var format = string.IsNullOrWhiteSpace(encoding) ? "base58btc" : encoding.Trim();
        if (format is not ("base58btc" or "base64url"))
        {
            return ErrorCodes.InvalidFormat;
        }

        var (app, reference) = JwtSignatureService.SigningIds(appId, refId);
        if (!await _access.AuthorizeAsync(app, caller, cancellationToken))
        {
            return ErrorCodes.SignNotAllowed;
        }

        if (!Base64Url.TryDecodeLenient(dataToSign, out var data))
        {
            return ErrorCodes.SignInputInvalid;
        }

        var key = await _keys.GetAsync(app, reference, cancellationToken);
        if (!key.IsSuccess)
        {
            return key.Error;
        }

        var algorithm = JwtSignatureService.ChooseAlgorithm(algorithmName, key.Value);
        var signer = await _keys.PrepareAsync(key.Value, algorithm, cancellationToken);
        if (!signer.IsSuccess)
        {
            return signer.Error;
        }

        using (signer.Value)
        {
            var signature = signer.Value.Sign(data);
            var encoded = format == "base64url" ? Base64Url.Encode(signature) : Base58Btc.EncodeMultibase(signature);
            return new RawSignature(encoded, key.Value.KeyId, Pem.Certificate(key.Value.Certificate), algorithm.ToHeaderName());
        }
    }

    /// <summary>Legacy <c>/sign</c>: KERNEL/SIGN, RS256, detached compact form <c>header..signature</c> over the text (callers bound to KERNEL).</summary>
    public async Task<Result<string>> LegacySignAsync(string data, Caller caller, CancellationToken cancellationToken)
    {
        if (!_access.IsBound(KeyIds.Kernel, caller))
        {
            return ErrorCodes.SignNotAllowed;
        }

        var key = await _keys.GetAsync(KeyIds.Kernel, KeyIds.Sign, cancellationToken);
        if (!key.IsSuccess)
        {
            return key.Error;
        }

        var signer = await _keys.PrepareAsync(key.Value, JwsAlgorithm.RS256, cancellationToken);
        if (!signer.IsSuccess)
        {
            return signer.Error;
        }

        using (signer.Value)
        {
            return JwsCompact.Sign(new JoseHeader().Add("alg", "RS256"), Encoding.UTF8.GetBytes(data), b64: true, includePayload: false, signer.Value.Sign);
        }
    }

    /// <summary>
    /// Legacy <c>/validate</c>: true when <paramref name="signature"/> is a KERNEL/SIGN signature of
    /// <paramref name="data"/> (any KERNEL/SIGN key still within its validity, so rotation does not break it).
    /// MOSIP 1.3 decodes the key with the wrong base64 alphabet and almost always fails; this does not.
    /// </summary>
    public async Task<bool> LegacyValidateAsync(string signature, string data, CancellationToken cancellationToken)
    {
        if (!JwsCompact.TryParse(signature, out var parts))
        {
            return false;
        }

        var withPayload = parts.WithPayloadPart(Base64Url.Encode(Encoding.UTF8.GetBytes(data)));
        var now = _ring.Now;
        foreach (var alias in (await _store.GetAliasesAsync(KeyIds.Kernel, KeyIds.Sign, cancellationToken)).Reverse())
        {
            var loaded = await _ring.LoadAsync(alias, KeyClass.DataSign, cancellationToken);
            if (loaded.IsSuccess && now <= loaded.Value.Certificate.NotAfter.ToUniversalTime() && JwsCompact.Verify(withPayload, loaded.Value.Certificate))
            {
                return true;
            }
        }

        return false;
    }
}
