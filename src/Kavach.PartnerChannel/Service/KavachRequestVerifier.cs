using System.Text;
using Kavach.PartnerChannel.HttpSignatures;
using Kavach.PartnerChannel.Internal;
using Kavach.PartnerChannel.Jose;
using Kavach.PartnerChannel.Keys;
using Kavach.PartnerChannel.Partners;
using Kavach.Trust.Channel;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Kavach.PartnerChannel.Service;

/// <summary>
/// The kavach profile's request checks, cheapest first: the signature's shape and <c>keyid</c> (the partner's
/// registered certificate), <c>created</c> in the window, <c>Content-Digest</c> over the body, the RFC 9421 signature,
/// the replay ledger (nonce), then JWE decryption.
/// </summary>
internal sealed class KavachRequestVerifier(IReplayLedger ledger, IChannelDecryptor decryptor, ChannelCertificateCache certificates, TimeProvider time, TimeSpan window)
{
    public async ValueTask<Verification> VerifyAsync(HttpContext context, VerifiedPartner partner, ChannelCertificate signing, byte[] body, CancellationToken cancellationToken)
    {
        IHeaderDictionary headers = context.Request.Headers;
        string? signatureField = HttpRequestFields.Field(headers, KavachHeaders.Signature);
        if (!HttpSignatureHeaders.TryRead(HttpRequestFields.Field(headers, KavachHeaders.SignatureInput), signatureField, KavachSignatureRules.Label, out HttpSignatureInput? signature))
        {
            return Verification.Refuse("signature missing or malformed");
        }

        string? shape = KavachSignatureRules.CheckRequest(signature);
        if (shape is not null)
        {
            return Verification.Refuse(shape);
        }

        if (signature.Parameter("keyid") is not string keyId || keyId != signing.ThumbprintBase64Url)
        {
            return Verification.Refuse("keyid is not the partner's signature certificate");
        }

        DateTimeOffset now = time.GetUtcNow();
        long created = (long)signature.Parameter("created")!;
        if (Math.Abs(now.ToUnixTimeSeconds() - created) > (long)window.TotalSeconds)
        {
            return Verification.Refuse("created outside the window");
        }

        if (!ContentDigest.Matches(HttpRequestFields.Field(headers, KavachHeaders.ContentDigest), body))
        {
            return Verification.Refuse("content-digest does not match the body");
        }

        string method = context.Request.Method;
        string targetUri = HttpRequestFields.TargetUri(context);
        byte[]? signatureBase = SignatureBase.Build(signature, new HttpMessageView(method, targetUri, null, name => HttpRequestFields.Field(headers, name)), null);
        if (signatureBase is null || !signing.Verify(signatureBase, signature.Signature))
        {
            return Verification.Refuse("signature does not verify");
        }

        string replayKey = string.Concat("kavach:", partner.PartnerId, ":", (string)signature.Parameter("nonce")!);
        if (!await ledger.TryRecordAsync(replayKey, now + (2 * window), cancellationToken).ConfigureAwait(false))
        {
            return Verification.Refuse("replayed request");
        }

        // The response signature covers the request's signature as received (RFC 9421 §2.4).
        var requestView = new HttpMessageView(method, targetUri, null, name => name == KavachHeaders.SignatureName ? signatureField : null);
        if (body.Length == 0)
        {
            return Verification.Accept(new AcceptedRequest(body, null, true, requestView));
        }

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out MediaTypeHeaderValue? type)
            || !type.MediaType.Equals(ChannelJwe.MediaType, StringComparison.OrdinalIgnoreCase)
            || !Ascii.IsValid(body))
        {
            return Verification.Refuse("body is not application/jose");
        }

        string compact = Encoding.ASCII.GetString(body);
        ChannelCertificate ours = certificates.Get(await decryptor.GetCertificateAsync(cancellationToken).ConfigureAwait(false))
            ?? throw new InvalidOperationException("Our encryption certificate has no usable RSA key.");
        if (!ChannelJwe.HasAcceptableHeader(compact, ours.ThumbprintBase64Url))
        {
            return Verification.Refuse("body does not decrypt: JWE header not allowed");
        }

        byte[]? plaintext = await decryptor.DecryptJweAsync(compact, cancellationToken).ConfigureAwait(false);
        return plaintext is null
            ? Verification.Refuse("body does not decrypt")
            : Verification.Accept(new AcceptedRequest(plaintext, ChannelJwe.ContentType(compact), true, requestView));
    }
}
