using System.Net.Http.Headers;
using System.Text;
using Kavach.Crypto;
using Kavach.PartnerChannel.HttpSignatures;
using Kavach.PartnerChannel.Internal;
using Kavach.PartnerChannel.Keys;
using Kavach.PartnerChannel.Mosip;

namespace Kavach.PartnerChannel.Tests.Support;

/// <summary>Requests signed by hand with a partner's real keys, for attacks the SDK would never produce.</summary>
internal static class HandSigned
{
    public static string EncodedHeader(string json) => Base64Url.Encode(Encoding.UTF8.GetBytes(json));

    /// <summary>The mosip header we write, for a certificate.</summary>
    public static string MosipHeader(CertificateChannelKeys keys) =>
        new ChannelCertificateCache().Get(keys.SigningCertificate)!.MosipJwsHeader;

    public static async Task<HttpRequestMessage> MosipAsync(string path, byte[] body, CertificateChannelKeys keys, string? encodedHeader = null)
    {
        string signature = await MosipJws.SignAsync(encodedHeader ?? MosipHeader(keys), keys, body, CancellationToken.None);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("signature", signature);
        return request;
    }

    /// <summary>A kavach request with <paramref name="sent"/> as the body on the wire, signed over the given parameters.</summary>
    public static async Task<HttpRequestMessage> KavachAsync(Uri baseAddress, HttpMethod method, string path, byte[] sent, string? contentType,
        CertificateChannelKeys keys, long created, string? nonce = null, string alg = KavachSignatureRules.Algorithm, string? keyId = null)
    {
        var uri = new Uri(baseAddress, path);
        string digest = ContentDigest.Create(sent);
        string kid = keyId ?? new ChannelCertificateCache().Get(keys.SigningCertificate)!.ThumbprintBase64Url;
        HttpSignatureInput input = KavachSignatureRules.RequestInput(created, nonce ?? KavachSignatureRules.NewNonce(), kid);
        if (alg != KavachSignatureRules.Algorithm)
        {
            input = input with { Parameters = [.. input.Parameters.Select(p => p.Name == "alg" ? new SfParameter("alg", alg) : p)] };
        }

        byte[] signatureBase = SignatureBase.Build(input, new HttpMessageView(method.Method, uri.GetLeftPart(UriPartial.Query), null, n => n == "content-digest" ? digest : null), null)!;
        input = input with { Signature = await keys.SignAsync(signatureBase, CancellationToken.None) };
        var request = new HttpRequestMessage(method, uri);
        if (sent.Length > 0)
        {
            request.Content = new ByteArrayContent(sent);
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        request.Headers.TryAddWithoutValidation("Content-Digest", digest);
        request.Headers.TryAddWithoutValidation("Signature-Input", input.SignatureInputField);
        request.Headers.TryAddWithoutValidation("Signature", input.SignatureField);
        return request;
    }
}
