using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kavach.Devices.Protocol.Commands;
using Kavach.Devices.Protocol.Jose;
using Kavach.Devices.Protocol.Json;
using Kavach.Devices.Protocol.Messages;

namespace Kavach.Devices.Protocol;

/// <summary>
/// Device side (the agent, and server tests): checks a server response in the order of spec §4.3 — chain to the pinned
/// server-signing root (never the OS store) and RS256; <c>inResponseTo</c> = own <c>jti</c>; <c>aud</c> = own serial;
/// <c>timestamp</c> within the skew of the trusted clock and <c>exp</c> not passed; <c>seq</c> above the last; every
/// command read against the catalogue (unknown kinds come out <see cref="CommandReadOutcome.Rejected"/>).
/// </summary>
/// <remarks>Every failure is <see cref="DeviceMessageErrors.ResponseRefused"/>, with the reason as a separate value for the device's log.</remarks>
public sealed class DownlinkVerifier
{
    private readonly X509Certificate2 _pinnedRoot;
    private readonly DownlinkVerifierOptions _options;

    /// <summary>Creates a verifier that trusts only <paramref name="pinnedServerRoot"/>.</summary>
    public DownlinkVerifier(X509Certificate2 pinnedServerRoot, DownlinkVerifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pinnedServerRoot);
        _pinnedRoot = pinnedServerRoot;
        _options = (options ?? new DownlinkVerifierOptions()).Validate();
    }

    /// <summary>Checks the response to a request the device sent.</summary>
    public MessageCheck<VerifiedDownlink> Verify(string? compact, DownlinkExpectation expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        MessageCheck<SignedResponse> read = ReadSigned(compact, expected.TrustedNow);
        if (!read.IsSuccess)
        {
            return read.Forward<VerifiedDownlink>();
        }

        (StrictJwsToken token, DownlinkPayload payload) = (read.Value.Token, read.Value.Payload);
        if (!string.Equals(payload.InResponseTo, expected.RequestJti, StringComparison.Ordinal))
        {
            return Refuse(MessageRefusal.InResponseTo, "inResponseTo is not this request's jti");
        }

        if (!string.Equals(payload.Aud, expected.SerialNo, StringComparison.Ordinal))
        {
            return Refuse(MessageRefusal.Audience, "aud is not this device's serial");
        }

        if (CheckTimes(payload, expected.TrustedNow, out DateTimeOffset timestamp, out DateTimeOffset exp) is { } late)
        {
            return late;
        }

        if (payload.Seq <= expected.LastSeq)
        {
            return Refuse(MessageRefusal.Sequence, "server seq did not advance");
        }

        if (!string.Equals(payload.Kind, expected.Kind, StringComparison.Ordinal))
        {
            return Refuse(MessageRefusal.Kind, "response kind is not the request's");
        }

        if (payload.DigitalId is null || (expected.DigitalId is not null && !string.Equals(payload.DigitalId, expected.DigitalId, StringComparison.Ordinal)))
        {
            return Refuse(MessageRefusal.DigitalId, "echoed digital id missing or not this device's");
        }

        if (!DownlinkBodies.TryRead(payload.Kind, payload.Body, out IDownlinkBody? body))
        {
            return Refuse(MessageRefusal.Payload, "body is not strictly the kind's schema");
        }

        if (expected.TimeNonce is not null && (body is not TimeResponseBody time || !string.Equals(time.Nonce, expected.TimeNonce, StringComparison.Ordinal)))
        {
            return Refuse(MessageRefusal.Payload, "signed time is not bound to this request's nonce");
        }

        var commands = payload.Commands.Select(c => DeviceCommandCatalogue.Read(c, expected.TrustedNow)).ToList();
        return MessageCheck<VerifiedDownlink>.Ok(new VerifiedDownlink(payload, body, commands, token.Signer, timestamp, exp));
    }

    /// <summary>
    /// Checks an enrolment challenge. A device with no trusted time yet passes null and accepts the signed server time
    /// provisionally (spec §4.5 step 1): the chain is then checked at that time, and what counts is the signature.
    /// </summary>
    public MessageCheck<VerifiedDownlink> VerifyChallenge(string? compact, DateTimeOffset? trustedNow)
    {
        DateTimeOffset? provisional = trustedNow ?? ProvisionalTime(compact);
        if (provisional is null)
        {
            return Refuse(MessageRefusal.Payload, "challenge carries no readable server time");
        }

        MessageCheck<SignedResponse> read = ReadSigned(compact, provisional.Value);
        if (!read.IsSuccess)
        {
            return read.Forward<VerifiedDownlink>();
        }

        (StrictJwsToken token, DownlinkPayload payload) = (read.Value.Token, read.Value.Payload);
        if (payload.Kind != MessageKinds.Challenge || payload.InResponseTo is not null || payload.Aud is not null || payload.DigitalId is not null || payload.Commands.Count != 0)
        {
            return Refuse(MessageRefusal.Kind, "not a challenge");
        }

        if (CheckTimes(payload, provisional.Value, out DateTimeOffset timestamp, out DateTimeOffset exp) is { } late)
        {
            return late;
        }

        if (!DownlinkBodies.TryRead(payload.Kind, payload.Body, out IDownlinkBody? body))
        {
            return Refuse(MessageRefusal.Payload, "challenge body out of format");
        }

        return MessageCheck<VerifiedDownlink>.Ok(new VerifiedDownlink(payload, body, [], token.Signer, timestamp, exp));
    }

    private MessageCheck<SignedResponse> ReadSigned(string? compact, DateTimeOffset trustedNow)
    {
        if (compact is null || compact.Length > ProtocolJson.MaxBytes * 2)
        {
            return MessageCheck<SignedResponse>.Refuse(DeviceMessageErrors.ResponseRefused, MessageRefusal.TooLarge, "response missing or too large");
        }

        MessageCheck<StrictJwsToken> parsed = StrictJws.Parse(compact, MessageKinds.ResponseType, DeviceJose.MaxChainLength);
        if (!parsed.IsSuccess)
        {
            return parsed.Forward<SignedResponse>().WithError(DeviceMessageErrors.ResponseRefused);
        }

        StrictJwsToken token = parsed.Value;
        if (!ChainsToPinnedRoot(token.Certificates, trustedNow))
        {
            return MessageCheck<SignedResponse>.Refuse(DeviceMessageErrors.ResponseRefused, MessageRefusal.CertificateChain, "signer does not chain to the pinned server-signing root");
        }

        if (!StrictJws.VerifySignature(token))
        {
            return MessageCheck<SignedResponse>.Refuse(DeviceMessageErrors.ResponseRefused, MessageRefusal.Signature, "response signature does not verify");
        }

        if (!ProtocolJson.TryRead(token.Payload.Span, DeviceProtocolJsonContext.Default.DownlinkPayload, out DownlinkPayload? payload)
            || payload.Ver != MessageKinds.Version
            || !ProtocolValues.IsUuidV4(payload.Jti)
            || payload.PollAfterSeconds < 0
            || payload.Seq < 0)
        {
            return MessageCheck<SignedResponse>.Refuse(DeviceMessageErrors.ResponseRefused, MessageRefusal.Payload, "payload is not strictly the downlink schema");
        }

        return MessageCheck<SignedResponse>.Ok(new SignedResponse(token, payload));
    }

    private MessageCheck<VerifiedDownlink>? CheckTimes(DownlinkPayload payload, DateTimeOffset trustedNow, out DateTimeOffset timestamp, out DateTimeOffset exp)
    {
        exp = default;
        if (!ProtocolTimestamp.TryParse(payload.Timestamp, out timestamp)
            || !ProtocolTimestamp.TryParse(payload.Exp, out exp)
            || !ProtocolTimestamp.TryParse(payload.ServerTime, out _))
        {
            return Refuse(MessageRefusal.Payload, "timestamps out of format");
        }

        if ((trustedNow - timestamp).Duration() > _options.ClockSkew)
        {
            return Refuse(MessageRefusal.Timestamp, "timestamp outside the window of the trusted clock");
        }

        if (exp <= trustedNow || exp - timestamp > DownlinkWriterOptions.MaxLifetime)
        {
            return Refuse(MessageRefusal.Expired, "response expired or lives longer than allowed");
        }

        return null;
    }

    private bool ChainsToPinnedRoot(IReadOnlyList<X509Certificate2> certificates, DateTimeOffset at)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_pinnedRoot);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        for (int i = 1; i < certificates.Count; i++)
        {
            chain.ChainPolicy.ExtraStore.Add(certificates[i]);
        }

        X509Certificate2 leaf = certificates[0];
        if (leaf.Extensions[Oids.BasicConstraints] is X509BasicConstraintsExtension { CertificateAuthority: true })
        {
            return false;
        }

        try
        {
            return chain.Build(leaf)
                && chain.ChainElements[^1].Certificate.RawDataMemory.Span.SequenceEqual(_pinnedRoot.RawDataMemory.Span);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    private static DateTimeOffset? ProvisionalTime(string? compact)
    {
        MessageCheck<StrictJwsToken> parsed = StrictJws.Parse(compact, MessageKinds.ResponseType, DeviceJose.MaxChainLength);
        return parsed.IsSuccess
            && ProtocolJson.TryRead(parsed.Value.Payload.Span, DeviceProtocolJsonContext.Default.DownlinkPayload, out DownlinkPayload? payload)
            && ProtocolTimestamp.TryParse(payload.ServerTime, out DateTimeOffset serverTime)
            ? serverTime
            : null;
    }

    private static MessageCheck<VerifiedDownlink> Refuse(MessageRefusal refusal, string detail) =>
        MessageCheck<VerifiedDownlink>.Refuse(DeviceMessageErrors.ResponseRefused, refusal, detail);

    private sealed record SignedResponse(StrictJwsToken Token, DownlinkPayload Payload);

    private static class Oids
    {
        public const string BasicConstraints = "2.5.29.19";
    }
}
