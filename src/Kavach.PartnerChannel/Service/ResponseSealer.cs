using System.Text;
using Kavach.PartnerChannel.HttpSignatures;
using Kavach.PartnerChannel.Internal;
using Kavach.PartnerChannel.Jose;
using Kavach.PartnerChannel.Keys;
using Kavach.PartnerChannel.Mosip;
using Kavach.PartnerChannel.Partners;
using Microsoft.AspNetCore.Http;

namespace Kavach.PartnerChannel.Service;

/// <summary>
/// Signs (and, kavach, encrypts) the protected service's buffered response: one private-key operation, one public-key
/// encryption for kavach bodies.
/// </summary>
internal sealed class ResponseSealer(IChannelSigner signer, ChannelCertificateCache certificates, TimeProvider time)
{
    /// <summary>Sets the signature headers and returns the body to send.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> SealAsync(HttpContext context, ChannelProfile profile, VerifiedPartner partner, AcceptedRequest request, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ChannelCertificate ours = certificates.Get(await signer.GetCertificateAsync(cancellationToken).ConfigureAwait(false))
            ?? throw new InvalidOperationException("Our signing certificate has no usable RSA key.");
        HttpResponse response = context.Response;
        if (profile == ChannelProfile.Mosip)
        {
            string jws = await MosipJws.SignAsync(ours.MosipJwsHeader, signer, body, cancellationToken).ConfigureAwait(false);
            response.Headers[MosipHeaders.ResponseSignature] = jws;
            return body;
        }

        ReadOnlyMemory<byte> sent = body;
        if (!body.IsEmpty)
        {
            ChannelCertificate recipient = certificates.Get(partner.EncryptionCertificate)
                ?? throw new InvalidOperationException("The partner's encryption certificate has no usable RSA key.");
            string contentType = response.ContentType ?? "application/octet-stream";
            sent = Encoding.ASCII.GetBytes(ChannelJwe.Encrypt(body.Span, contentType, recipient.PublicKey, recipient.ThumbprintBase64Url));
            response.ContentType = ChannelJwe.MediaType;
        }

        string digest = ContentDigest.Create(sent.Span);
        response.Headers[KavachHeaders.ContentDigest] = digest;
        HttpSignatureInput input = KavachSignatureRules.ResponseInput(time.GetUtcNow().ToUnixTimeSeconds(), ours.ThumbprintBase64Url);
        var view = new HttpMessageView(null, null, response.StatusCode, name => name == KavachHeaders.ContentDigestName ? digest : null);
        byte[] signatureBase = SignatureBase.Build(input, view, request.RequestView)
            ?? throw new InvalidOperationException("The response signature base could not be built.");
        input = input with { Signature = await signer.SignAsync(signatureBase, cancellationToken).ConfigureAwait(false) };
        response.Headers[KavachHeaders.SignatureInput] = input.SignatureInputField;
        response.Headers[KavachHeaders.Signature] = input.SignatureField;
        return sent;
    }
}
