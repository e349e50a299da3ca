using System.Security.Cryptography;
using Kavach.Crypto;
using Kavach.PartnerChannel.Internal;
using Kavach.PartnerChannel.Keys;
using Kavach.PartnerChannel.Mosip;
using Kavach.PartnerChannel.Partners;
using Kavach.Trust.Channel;
using Microsoft.AspNetCore.Http;

namespace Kavach.PartnerChannel.Service;

/// <summary>
/// The mosip profile's request checks, in order: the detached JWS by the partner's registered certificate, the body's
/// <c>requestTime</c> in the window, the replay ledger, then field-level decryption with the <c>requestHMAC</c> check.
/// </summary>
internal sealed class MosipRequestVerifier(IReplayLedger ledger, IChannelDecryptor decryptor, ChannelCertificateCache certificates, TimeProvider time, TimeSpan window)
{
    public async ValueTask<Verification> VerifyAsync(HttpContext context, VerifiedPartner partner, ChannelCertificate signing, byte[] body, CancellationToken cancellationToken)
    {
        string? reason = MosipJws.Verify(HttpRequestFields.Field(context.Request.Headers, MosipHeaders.Signature), body, signing, out byte[] signature);
        if (reason is not null)
        {
            return Verification.Refuse(reason);
        }

        if (!MosipRequestBody.TryParse(body, out MosipRequestBody? parsed))
        {
            return Verification.Refuse("body is not a JSON object");
        }

        using (parsed)
        {
            DateTimeOffset now = time.GetUtcNow();
            if (!MosipTime.TryParse(parsed.String(MosipRequestBody.RequestTimeMember), out DateTimeOffset requestTime))
            {
                return Verification.Refuse("requestTime missing or malformed");
            }

            if (requestTime < now - window || requestTime > now + window)
            {
                return Verification.Refuse("requestTime outside the window");
            }

            string replayKey = string.Concat("mosip:", partner.PartnerId, ":", Base64Url.Encode(SHA256.HashData(signature)));
            if (!await ledger.TryRecordAsync(replayKey, now + (2 * window), cancellationToken).ConfigureAwait(false))
            {
                return Verification.Refuse("replayed request");
            }

            if (!parsed.IsEncrypted)
            {
                return Verification.Accept(new AcceptedRequest(body, null, false, null));
            }

            if (!parsed.TryGetEncrypted(out MosipEncryptedRequest? encrypted))
            {
                return Verification.Refuse("encrypted members incomplete or malformed");
            }

            ChannelCertificate ours = certificates.Get(await decryptor.GetCertificateAsync(cancellationToken).ConfigureAwait(false))
                ?? throw new InvalidOperationException("Our encryption certificate has no usable RSA key.");
            if (!CryptographicOperations.FixedTimeEquals(encrypted.Thumbprint, ours.Thumbprint))
            {
                return Verification.Refuse("request does not decrypt: thumbprint is not our encryption certificate");
            }

            using MosipDecryptedRequest? decrypted = await decryptor.DecryptMosipRequestAsync(encrypted, cancellationToken).ConfigureAwait(false);
            if (decrypted is null)
            {
                return Verification.Refuse("request does not decrypt");
            }

            if (!MosipRequestCrypto.HmacMatches(decrypted))
            {
                return Verification.Refuse("requestHMAC does not match the request");
            }

            return parsed.TryRewriteDecrypted(decrypted.Request, out byte[]? rewritten)
                ? Verification.Accept(new AcceptedRequest(rewritten, null, true, null))
                : Verification.Refuse("decrypted request is not JSON");
        }
    }
}
