namespace Kavach.Devices.Protocol;

/// <summary>
/// Why a message was refused: for the audit record and the debug log only, never for the sender (who always gets
/// <see cref="DeviceMessageErrors.MessageRefused"/> or <see cref="DeviceMessageErrors.ResponseRefused"/>).
/// </summary>
public enum MessageRefusal
{
    /// <summary>Not refused.</summary>
    None,

    /// <summary>The body is larger than the limit (64 KiB).</summary>
    TooLarge,

    /// <summary>Not a compact serialization with the right number of canonical base64url parts.</summary>
    Malformed,

    /// <summary>JWE header: a member missing, unknown or of the wrong value (<c>alg</c>, <c>enc</c>, <c>cty</c>).</summary>
    EncryptionHeader,

    /// <summary>JWE <c>kid</c> unknown or retired, or the content key did not unwrap.</summary>
    EncryptionKey,

    /// <summary>IV, tag or content key of the wrong size, or the AES-GCM tag did not verify.</summary>
    Decryption,

    /// <summary>JWS header: a member missing, unknown (<c>jku</c>, <c>x5u</c>, <c>crit</c>, …) or of the wrong JSON type.</summary>
    SignatureHeader,

    /// <summary>JWS <c>alg</c> is not exactly <c>RS256</c>.</summary>
    Algorithm,

    /// <summary>JWS <c>typ</c> is not the one of the route (cross-endpoint reuse).</summary>
    MessageType,

    /// <summary><c>x5c</c> not an array of exactly the allowed number of canonical DER certificates, a weak key, or a <c>kid</c> that does not name it.</summary>
    SignerCertificate,

    /// <summary>The JWS certificate differs from the TLS client certificate.</summary>
    TlsCertificateMismatch,

    /// <summary>The JWS signature does not verify.</summary>
    Signature,

    /// <summary>The payload is not strict JSON of the expected schema (unknown member, duplicate key, depth, types, formats).</summary>
    Payload,

    /// <summary>The payload's <c>kind</c> is not the route's.</summary>
    Kind,

    /// <summary>The payload's <c>aud</c> is not exactly the expected audience.</summary>
    Audience,

    /// <summary>The timestamp is outside the allowed window.</summary>
    Timestamp,

    /// <summary>The message's <c>exp</c> has passed.</summary>
    Expired,

    /// <summary>The response does not answer the request sent (<c>inResponseTo</c>).</summary>
    InResponseTo,

    /// <summary>The signer's certificate does not chain to the pinned or configured root, is outside its validity, or lacks the required usage.</summary>
    CertificateChain,

    /// <summary>The device certificate is unknown to the registry or not in a status allowed on this route.</summary>
    CertificateStatus,

    /// <summary>The device is unknown or not in a state allowed on this route.</summary>
    DeviceState,

    /// <summary>The <c>jti</c> was seen before.</summary>
    Replay,

    /// <summary>The sequence number did not advance.</summary>
    Sequence,

    /// <summary>The digital id is missing, unsigned, malformed or its signature fails.</summary>
    DigitalId,

    /// <summary>The digital id is signed by a certificate other than the enrolled FTM certificate (L1) or the device certificate (L0).</summary>
    DigitalIdSigner,

    /// <summary>A digital-id field differs from the registry record.</summary>
    DigitalIdMismatch,

    /// <summary>The digital id's <c>dateTime</c> is outside the allowed window.</summary>
    DigitalIdTime,
}
