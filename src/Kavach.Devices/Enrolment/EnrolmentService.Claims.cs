using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Authority;
using Kavach.Devices.Protocol;
using Kavach.Devices.Protocol.DigitalIds;
using Kavach.Devices.Protocol.Jose;
using Kavach.Devices.Protocol.Messages;
using Kavach.Devices.Registry;

namespace Kavach.Devices.Enrolment;

/// <content>The identity checks of an enrolment or re-enrolment claim (§4.5 step 4), cheapest first.</content>
public sealed partial class EnrolmentService
{
    /// <summary>
    /// L1: the signer is the whitelisted FTM chip certificate (<c>ftmCertSha256</c>), its validity is at most 20 years
    /// and it chains to an approved FTM root. L0: the signer's key is the whitelisted <c>l0KeySha256</c>, or, for an entry
    /// that pre-registered a one-time secret instead, the request carries that secret. Then the digital id is signed by
    /// the same certificate (L1) or key (L0) with every field equal to the whitelist entry and a fresh <c>dateTime</c>,
    /// and the CSR proves possession of an RSA key of at least 2048 bits: not the FTM key (L1), the signer's key (L0).
    /// </summary>
    private async Task<MessageCheck<VerifiedClaim>> VerifyClaimAsync(EnrolmentMessage message, DeviceRecord device, string nonce, string csrText, string? enrolmentSecret, CancellationToken cancellationToken)
    {
        var signer = message.Signer;
        if (!ProtocolValues.IsNonce(nonce))
        {
            return Refuse(MessageRefusal.Payload, "nonce is not 32 bytes of base64url");
        }

        if (IsL0(device))
        {
            if (device.L0KeySha256 is { } pinned ? !HexEquals(SpkiOf(signer), pinned) : !L0Secret.Matches(enrolmentSecret, device.L0SecretSha256))
            {
                return Refuse(MessageRefusal.SignerCertificate, device.L0KeySha256 is null
                    ? "L0 enrolment secret missing, wrong or already used"
                    : "L0 request not signed by the pre-registered device key");
            }
        }
        else if (string.Equals(device.Certification, "L1", StringComparison.Ordinal))
        {
            var signerCheck = await VerifyFtmSignerAsync(signer, device, cancellationToken);
            if (signerCheck is not null)
            {
                return Refuse(MessageRefusal.CertificateChain, signerCheck);
            }
        }
        else
        {
            return Refuse(MessageRefusal.DeviceState, "unknown certification level");
        }

        var organization = await _providers.GetOrganizationAsync(device.ProviderId, cancellationToken);
        if (organization is null)
        {
            return Refuse(MessageRefusal.DeviceState, "provider unknown or inactive");
        }

        var digitalId = VerifyDigitalId(message.Payload.DigitalId, device, organization, signer, message.Payload.SerialNo);
        if (digitalId is not null)
        {
            return digitalId;
        }

        if (!StrictBase64.TryDecodeUrl(csrText, out var csr) || DeviceSigningRequest.Read(csr) is not { } key)
        {
            return Refuse(MessageRefusal.Payload, "CSR malformed, its signature fails or its key is not RSA of 2048 bits or more");
        }

        var spki = DeviceCertificateAuthority.SpkiSha256(key);
        if (IsL0(device) ? !HexEquals(spki, device.L0KeySha256 ?? SpkiOf(signer)) : HexEquals(spki, SpkiOf(signer)))
        {
            return Refuse(MessageRefusal.Payload, IsL0(device) ? "L0 CSR key is not the request's signing key" : "CSR key is the FTM key");
        }

        return MessageCheck<VerifiedClaim>.Ok(new VerifiedClaim(device, organization, key, spki, csr, nonce));
    }

    /// <summary>Null when the FTM chip certificate is acceptable for <paramref name="device"/>, else the reason.</summary>
    private async Task<string?> VerifyFtmSignerAsync(X509Certificate2 signer, DeviceRecord device, CancellationToken cancellationToken)
    {
        if (device.FtmCertSha256 is null || !HexEquals(Convert.ToHexStringLower(SHA256.HashData(signer.RawData)), device.FtmCertSha256))
        {
            return "FTM certificate is not the whitelisted one";
        }

        if (signer.NotAfter.ToUniversalTime() - signer.NotBefore.ToUniversalTime() > _options.MaxFtmCertificateValidity)
        {
            return "FTM certificate validity exceeds 20 years";
        }

        return await _ftm.IsTrustedAsync(signer, cancellationToken) ? null : "FTM certificate does not chain to an approved FTM root";
    }

    /// <summary>
    /// Null when the digital id is signed by <paramref name="expectedSigner"/> (L1: the same certificate; L0: the same
    /// key), its eight fields equal the whitelist entry and its <c>dateTime</c> is within the window; else the refusal.
    /// </summary>
    private MessageCheck<VerifiedClaim>? VerifyDigitalId(string? compact, DeviceRecord device, string organization, X509Certificate2 expectedSigner, string payloadSerial)
    {
        var read = SignedDigitalId.Read(compact);
        if (!read.IsSuccess)
        {
            return Refuse(MessageRefusal.DigitalId, read.Detail ?? "digital id unreadable");
        }

        var digitalId = read.Value!;
        var sameSigner = IsL0(device)
            ? HexEquals(SpkiOf(digitalId.Signer), SpkiOf(expectedSigner))
            : digitalId.Signer.RawData.AsSpan().SequenceEqual(expectedSigner.RawData);
        if (!sameSigner)
        {
            return Refuse(MessageRefusal.DigitalIdSigner, "digital id signed by another certificate than the request");
        }

        var p = digitalId.Payload;
        if (p.SerialNo != device.SerialNo || p.SerialNo != payloadSerial || p.Make != device.Make || p.Model != device.Model
            || p.Type != device.Type || p.DeviceSubType != device.DeviceSubType || p.DeviceProviderId != device.ProviderId
            || p.DeviceProvider != organization)
        {
            return Refuse(MessageRefusal.DigitalIdMismatch, "digital id fields differ from the whitelist entry");
        }

        return (Now - digitalId.DateTime).Duration() > _options.DigitalIdWindow
            ? Refuse(MessageRefusal.DigitalIdTime, "digital id dateTime outside the window")
            : null;
    }

    private static string SpkiOf(X509Certificate2 certificate) =>
        Convert.ToHexStringLower(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));

    private static bool HexEquals(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static MessageCheck<VerifiedClaim> Refuse(MessageRefusal refusal, string detail) =>
        MessageCheck<VerifiedClaim>.Refuse(EnrolmentErrors.EnrolmentRefused, refusal, detail);
}
