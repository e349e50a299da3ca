using System.Text;
using Kavach.Crypto;
using Kavach.PartnerChannel.HttpSignatures;
using Kavach.PartnerChannel.Internal;
using Kavach.PartnerChannel.Jose;
using Kavach.PartnerChannel.Keys;
using Kavach.PartnerChannel.Mosip;

namespace Kavach.PartnerChannel.Client;

/// <summary>
/// The partner SDK: signs (and encrypts) each request per the profile and verifies (and decrypts) each response. Fails
/// closed: a response that is unsigned, signed by another certificate than the pinned one, not bound to its request,
/// out of the time window, or whose body does not decrypt raises <see cref="PartnerChannelException"/> and nothing of
/// it reaches the caller (docs/partner-channel.md).
/// </summary>
public sealed class PartnerChannelHandler : DelegatingHandler
{
    private readonly PartnerChannelClientOptions _options;
    private readonly TimeProvider _time;
    private readonly IChannelSigner _signer;
    private readonly ChannelCertificate _serverSigning;
    private readonly ChannelCertificate? _serverEncryption;

    /// <summary>Creates the handler; set <see cref="DelegatingHandler.InnerHandler"/> (e.g. <see cref="PartnerHttpClientFactory.CreateHandler"/>).</summary>
    /// <exception cref="ArgumentException">The options lack what the profile needs.</exception>
    public PartnerChannelHandler(PartnerChannelClientOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _signer = options.Signer ?? throw new ArgumentException("A signer is required.", nameof(options));
        if (options.ClockSkew <= TimeSpan.Zero)
        {
            throw new ArgumentException("ClockSkew must be positive.", nameof(options));
        }

        _serverSigning = ChannelCertificateCache.Shared.Get(options.ServerSigningCertificate
                ?? throw new ArgumentException("The server's signing certificate is required.", nameof(options)))
            ?? throw new ArgumentException("The server's signing certificate has no RSA key of at least 2048 bits.", nameof(options));
        bool needsEncryption = options.Profile == ChannelProfile.Kavach || options.EncryptMosipRequest;
        if (options.ServerEncryptionCertificate is not null)
        {
            _serverEncryption = ChannelCertificateCache.Shared.Get(options.ServerEncryptionCertificate)
                ?? throw new ArgumentException("The server's encryption certificate has no RSA key of at least 2048 bits.", nameof(options));
        }
        else if (needsEncryption)
        {
            throw new ArgumentException("The server's encryption certificate is required.", nameof(options));
        }

        if (options.Profile == ChannelProfile.Kavach && options.Decryptor is null)
        {
            throw new ArgumentException("The kavach profile needs a decryptor.", nameof(options));
        }
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is not { IsAbsoluteUri: true })
        {
            throw new InvalidOperationException("The partner channel needs an absolute request URI.");
        }

        byte[] body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        ChannelCertificate ours = ChannelCertificateCache.Shared.Get(await _signer.GetCertificateAsync(cancellationToken).ConfigureAwait(false))
            ?? throw new InvalidOperationException("Our signing certificate has no RSA key of at least 2048 bits.");
        return _options.Profile == ChannelProfile.Mosip
            ? await SendMosipAsync(request, body, ours, cancellationToken).ConfigureAwait(false)
            : await SendKavachAsync(request, body, ours, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendMosipAsync(HttpRequestMessage request, byte[] body, ChannelCertificate ours, CancellationToken cancellationToken)
    {
        if (!MosipRequestBody.TryParse(body, out MosipRequestBody? parsed))
        {
            throw new InvalidOperationException("The mosip profile sends a JSON object body.");
        }

        string? transactionId;
        using (parsed)
        {
            if (!MosipTime.TryParse(parsed.String(MosipRequestBody.RequestTimeMember), out _))
            {
                throw new InvalidOperationException("The mosip profile needs a top-level requestTime (yyyy-MM-dd'T'HH:mm:ss.SSS'Z').");
            }

            transactionId = parsed.String(MosipRequestBody.TransactionIdMember);
            if (_options.EncryptMosipRequest)
            {
                body = parsed.EncryptRequest(_serverEncryption!.Certificate);
            }
        }

        string signature = await MosipJws.SignAsync(ours.MosipJwsHeader, _signer, body, cancellationToken).ConfigureAwait(false);
        HttpContent? original = request.Content;
        request.Content = PartnerChannelResponses.Replace(original, body);
        original?.Dispose();
        request.Headers.Remove(MosipHeaders.Signature);
        request.Headers.TryAddWithoutValidation(MosipHeaders.Signature, signature);

        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            byte[] responseBody = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            string? reason = MosipJws.Verify(PartnerChannelResponses.Header(response, MosipHeaders.ResponseSignature), responseBody, _serverSigning, out _)
                ?? MosipResponseCheck.Check(responseBody, transactionId, _time.GetUtcNow(), _options.ClockSkew);
            if (reason is not null)
            {
                throw Refused(response, reason);
            }

            HttpContent received = response.Content;
            response.Content = PartnerChannelResponses.Replace(received, responseBody);
            received.Dispose();
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private async Task<HttpResponseMessage> SendKavachAsync(HttpRequestMessage request, byte[] body, ChannelCertificate ours, CancellationToken cancellationToken)
    {
        byte[] sent = [];
        if (body.Length > 0)
        {
            string contentType = request.Content?.Headers.ContentType?.ToString() ?? "application/octet-stream";
            sent = Encoding.ASCII.GetBytes(ChannelJwe.Encrypt(body, contentType, _serverEncryption!.PublicKey, _serverEncryption.ThumbprintBase64Url));
            var content = new ByteArrayContent(sent);
            PartnerChannelResponses.SetContentType(content, ChannelJwe.MediaType);
            request.Content?.Dispose();
            request.Content = content;
        }

        string digest = ContentDigest.Create(sent);
        string targetUri = request.RequestUri!.GetLeftPart(UriPartial.Query);
        string method = request.Method.Method;
        HttpSignatureInput input = KavachSignatureRules.RequestInput(_time.GetUtcNow().ToUnixTimeSeconds(), KavachSignatureRules.NewNonce(), ours.ThumbprintBase64Url);
        byte[] signatureBase = SignatureBase.Build(input, new HttpMessageView(method, targetUri, null, name => name == KavachHeaders.ContentDigestName ? digest : null), null)
            ?? throw new InvalidOperationException("The request cannot be signed (non-ASCII target URI).");
        input = input with { Signature = await _signer.SignAsync(signatureBase, cancellationToken).ConfigureAwait(false) };
        string signatureField = input.SignatureField;
        request.Headers.Remove(KavachHeaders.ContentDigest);
        request.Headers.Remove(KavachHeaders.SignatureInput);
        request.Headers.Remove(KavachHeaders.Signature);
        request.Headers.TryAddWithoutValidation(KavachHeaders.ContentDigest, digest);
        request.Headers.TryAddWithoutValidation(KavachHeaders.SignatureInput, input.SignatureInputField);
        request.Headers.TryAddWithoutValidation(KavachHeaders.Signature, signatureField);

        var requestView = new HttpMessageView(method, targetUri, null, name => name == KavachHeaders.SignatureName ? signatureField : null);
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            byte[] responseBody = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            string? reason = VerifyKavachResponse(response, responseBody, requestView);
            if (reason is not null)
            {
                throw Refused(response, reason);
            }

            await DecryptKavachResponseAsync(response, responseBody, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private string? VerifyKavachResponse(HttpResponseMessage response, byte[] responseBody, HttpMessageView requestView)
    {
        if (!HttpSignatureHeaders.TryRead(PartnerChannelResponses.Header(response, KavachHeaders.SignatureInput), PartnerChannelResponses.Header(response, KavachHeaders.Signature), KavachSignatureRules.Label, out HttpSignatureInput? signature))
        {
            return "response signature missing or malformed";
        }

        string? shape = KavachSignatureRules.CheckResponse(signature);
        if (shape is not null)
        {
            return shape;
        }

        if (signature.Parameter("keyid") is not string keyId || keyId != _serverSigning.ThumbprintBase64Url)
        {
            return "response signed by another certificate than the pinned one";
        }

        long created = (long)signature.Parameter("created")!;
        long now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - created) > (long)_options.ClockSkew.TotalSeconds)
        {
            return "response created outside the window";
        }

        string? digest = PartnerChannelResponses.Header(response, KavachHeaders.ContentDigest);
        if (!ContentDigest.Matches(digest, responseBody))
        {
            return "response content-digest does not match the body";
        }

        var responseView = new HttpMessageView(null, null, (int)response.StatusCode, name => PartnerChannelResponses.Header(response, name));
        byte[]? signatureBase = SignatureBase.Build(signature, responseView, requestView);
        return signatureBase is not null && _serverSigning.Verify(signatureBase, signature.Signature)
            ? null
            : "response signature does not verify against this request";
    }

    private async Task DecryptKavachResponseAsync(HttpResponseMessage response, byte[] responseBody, CancellationToken cancellationToken)
    {
        if (responseBody.Length == 0)
        {
            return;
        }

        if (!string.Equals(PartnerChannelResponses.MediaType(response.Content.Headers), ChannelJwe.MediaType, StringComparison.OrdinalIgnoreCase)
            || !Ascii.IsValid(responseBody))
        {
            throw Refused(response, "response body is not a JWE");
        }

        string compact = Encoding.ASCII.GetString(responseBody);
        byte[] plaintext = await _options.Decryptor!.DecryptJweAsync(compact, cancellationToken).ConfigureAwait(false)
            ?? throw Refused(response, "response body does not decrypt");
        var content = new ByteArrayContent(plaintext);
        PartnerChannelResponses.SetContentType(content, ChannelJwe.ContentType(compact));
        response.Content.Dispose();
        response.Content = content;
    }

    private static PartnerChannelException Refused(HttpResponseMessage response, string reason) =>
        new($"Partner channel response refused (HTTP {(int)response.StatusCode}): {reason}.");
}
