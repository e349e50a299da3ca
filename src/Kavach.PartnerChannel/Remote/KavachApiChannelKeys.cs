using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kavach.Crypto;
using Kavach.Crypto.Jose;
using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.PartnerChannel.Keys;

namespace Kavach.PartnerChannel.Remote;

/// <summary>
/// Channel keys held by a Kavach server and used over its API with a bearer token: signatures by
/// <c>/signRawData</c> of <c>&lt;APP&gt;/SIGN</c> (RS256), JWE by <c>/jwtDecrypt</c> and IDA fields by <c>/decrypt</c> of the
/// base key <c>&lt;APP&gt;/&lt;ref&gt;</c>, certificates by <c>/getCertificate</c>. No private key leaves the server.
/// </summary>
/// <remarks>
/// Cost per call in RSA private operations on the server: a signature 1, a JWE 1, an IDA request 2 (the session key is
/// unwrapped once for <c>request</c> and once for <c>requestHMAC</c>: <c>/decrypt</c> returns plaintext, never the key).
/// </remarks>
public sealed class KavachApiChannelKeys : IChannelSigner, IChannelDecryptor
{
    // Answers that mean "these bytes do not decrypt with that key": the caller's input, not our infrastructure.
    private static readonly HashSet<string> UndecryptableCodes =
    [
        ErrorCodes.JweDecryptionError.Code, ErrorCodes.InvalidEncryptedData.Code, ErrorCodes.CryptoInvalidRequest.Code,
        ErrorCodes.SymmetricKeyDecryptionFailed.Code, ErrorCodes.KeyNotFoundByThumbprint.Code,
        ErrorCodes.AppIdReferenceIdNotMatching.Code,
    ];

    private readonly KavachApiClient _api;
    private readonly KavachApiOptions _options;
    private readonly CachedCertificate _signing;
    private readonly CachedCertificate _encryption;

    /// <summary>
    /// Creates the keys. <paramref name="http"/> has the Kavach server as its base address (and, unless
    /// <see cref="KavachApiOptions.AccessToken"/> is set, its authentication).
    /// </summary>
    public KavachApiChannelKeys(HttpClient http, KavachApiOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _api = new KavachApiClient(http, options, time);
        _options = options;
        _signing = new CachedCertificate(time, options.CertificateLifetime);
        _encryption = new CachedCertificate(time, options.CertificateLifetime);
    }

    /// <inheritdoc cref="IChannelSigner.GetCertificateAsync" />
    ValueTask<X509Certificate2> IChannelSigner.GetCertificateAsync(CancellationToken cancellationToken) =>
        _signing.GetAsync(ct => FetchCertificateAsync(_options.SigningReferenceId, ct), cancellationToken);

    /// <inheritdoc cref="IChannelDecryptor.GetCertificateAsync" />
    ValueTask<X509Certificate2> IChannelDecryptor.GetCertificateAsync(CancellationToken cancellationToken) =>
        _encryption.GetAsync(ct => FetchCertificateAsync(_options.EncryptionReferenceId, ct), cancellationToken);

    /// <summary>Our signature certificate (<c>&lt;APP&gt;/SIGN</c>).</summary>
    public ValueTask<X509Certificate2> GetSigningCertificateAsync(CancellationToken cancellationToken) =>
        ((IChannelSigner)this).GetCertificateAsync(cancellationToken);

    /// <summary>Our encryption certificate (the base key <c>&lt;APP&gt;/&lt;ref&gt;</c>).</summary>
    public ValueTask<X509Certificate2> GetEncryptionCertificateAsync(CancellationToken cancellationToken) =>
        ((IChannelDecryptor)this).GetCertificateAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var answer = await _api.PostAsync("signRawData", new JsonObject
        {
            ["dataToSign"] = Base64Url.Encode(data.Span),
            ["applicationId"] = _options.ApplicationId,
            ["referenceId"] = _options.SigningReferenceId,
            ["responseEncodingFormat"] = "base64url",
            ["signAlgorithm"] = "RS256",
        }, cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccess || answer.GetString("signedData") is not { } signed || !Base64Url.TryDecodeUrlSafe(signed, out var signature))
        {
            throw new KavachApiUnavailableException($"signRawData: {answer.ErrorCode ?? "no signature"}");
        }

        // The server signs with its current key: after a rotation, the next request carries the new certificate.
        if (answer.GetString("certificate") is { } pem && Pem.TryParseCertificate(pem, out var certificate))
        {
            _signing.Offer(certificate);
        }

        return signature;
    }

    /// <inheritdoc />
    public async ValueTask<byte[]?> DecryptJweAsync(string compactJwe, CancellationToken cancellationToken)
    {
        // Checked here as well, so an algorithm the contract refuses never costs the server an RSA operation.
        if (!JweCompact.TryReadHeader(compactJwe, out var header) ||
            header.Alg != JweCompact.KeyManagementAlgorithm || header.Enc != JweCompact.ContentEncryptionAlgorithm)
        {
            return null;
        }

        var answer = await _api.PostAsync("jwtDecrypt", new JsonObject
        {
            ["applicationId"] = _options.ApplicationId,
            ["referenceId"] = _options.EncryptionReferenceId,
            ["encData"] = compactJwe,
        }, cancellationToken).ConfigureAwait(false);
        return Plaintext(answer, "jwtDecrypt");
    }

    /// <inheritdoc />
    public async ValueTask<MosipDecryptedRequest?> DecryptMosipRequestAsync(MosipEncryptedRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ours = await GetEncryptionCertificateAsync(cancellationToken).ConfigureAwait(false);
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(ours.RawData), request.Thumbprint))
        {
            return null;
        }

        // /decrypt takes MOSIP's envelope: thumbprint || encrypted key || #KEY_SPLITTER# || data (IV appended, no AAD).
        var requestTask = DecryptEnvelopeAsync(request.Thumbprint, request.EncryptedSessionKey, request.EncryptedRequest, cancellationToken);
        var hmacTask = DecryptEnvelopeAsync(request.Thumbprint, request.EncryptedSessionKey, request.EncryptedHmac, cancellationToken);
        var plaintext = await requestTask.ConfigureAwait(false);
        var hmac = await hmacTask.ConfigureAwait(false);
        if (plaintext is null || hmac is null)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            CryptographicOperations.ZeroMemory(hmac);
            return null;
        }

        return new MosipDecryptedRequest(plaintext, hmac);
    }

    private async Task<byte[]?> DecryptEnvelopeAsync(byte[] thumbprint, byte[] encryptedKey, byte[] data, CancellationToken cancellationToken)
    {
        var splitter = Encoding.ASCII.GetBytes("#KEY_SPLITTER#");
        var envelope = new byte[thumbprint.Length + encryptedKey.Length + splitter.Length + data.Length];
        thumbprint.CopyTo(envelope, 0);
        encryptedKey.CopyTo(envelope, thumbprint.Length);
        splitter.CopyTo(envelope, thumbprint.Length + encryptedKey.Length);
        data.CopyTo(envelope, envelope.Length - data.Length);
        var answer = await _api.PostAsync("decrypt", new JsonObject
        {
            ["applicationId"] = _options.ApplicationId,
            ["referenceId"] = _options.EncryptionReferenceId,
            ["timeStamp"] = _api.MosipTimestamp(),
            ["data"] = Base64Url.Encode(envelope),
        }, cancellationToken).ConfigureAwait(false);
        return Plaintext(answer, "decrypt");
    }

    private static byte[]? Plaintext(KavachApiAnswer answer, string operation)
    {
        if (!answer.IsSuccess)
        {
            return UndecryptableCodes.Contains(answer.ErrorCode!)
                ? null
                : throw new KavachApiUnavailableException($"{operation}: {answer.ErrorCode}");
        }

        return answer.GetString("data") is { } data && Base64Url.TryDecodeUrlSafe(data, out var plaintext)
            ? plaintext
            : throw new KavachApiUnavailableException($"{operation}: answer without data");
    }

    private async Task<X509Certificate2> FetchCertificateAsync(string referenceId, CancellationToken cancellationToken)
    {
        var answer = await _api.GetAsync(
            $"getCertificate?applicationId={Uri.EscapeDataString(_options.ApplicationId)}&referenceId={Uri.EscapeDataString(referenceId)}",
            cancellationToken).ConfigureAwait(false);
        return answer.IsSuccess && answer.GetString("certificate") is { } pem && Pem.TryParseCertificate(pem, out var certificate)
            ? certificate
            : throw new KavachApiUnavailableException($"getCertificate: {answer.ErrorCode ?? "no certificate"}");
    }
}
