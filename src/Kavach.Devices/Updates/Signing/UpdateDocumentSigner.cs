using System.Security.Cryptography;
using System.Text.Json;
using Kavach.Crypto.Jose;
using Kavach.Devices.Updates.Verification;

namespace Kavach.Devices.Updates.Signing;

/// <summary>
/// Makes the signed wire form of update documents: <c>{"signed": &lt;canonical JSON&gt;, "signatures": [detached
/// RS256 JWS, …]}</c>. The offline signing commands (<c>kavach devices releases sign</c>) and the server's timestamp
/// loop both call it; the server never holds the root or release keys.
/// </summary>
public static class UpdateDocumentSigner
{
    /// <summary>Signs a trust document with the Release Root key(s).</summary>
    public static byte[] Sign(TrustDocument trust, IReadOnlyList<UpdateSigner> signers) =>
        Sign(UpdateRole.Trust, UpdateDocumentCodec.Write(trust), signers);

    /// <summary>Signs a release manifest with release key(s).</summary>
    public static byte[] Sign(ReleaseManifest release, IReadOnlyList<UpdateSigner> signers) =>
        Sign(UpdateRole.Release, UpdateDocumentCodec.Write(release), signers);

    /// <summary>Signs a timestamp document with the timestamp key.</summary>
    public static byte[] Sign(TimestampDocument timestamp, IReadOnlyList<UpdateSigner> signers) =>
        Sign(UpdateRole.Timestamp, UpdateDocumentCodec.Write(timestamp), signers);

    /// <summary>An <see cref="UpdateSigner"/> over an RSA private key held in memory (offline signing).</summary>
    public static UpdateSigner ForRsa(RSA privateKey)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        return new UpdateSigner(UpdateKeys.Encode(privateKey), JwsSigners.ForRsa(privateKey, JwsAlgorithm.RS256));
    }

    /// <summary>Signs the JSON of a document's <c>signed</c> part (canonicalised first) for <paramref name="role"/>.</summary>
    /// <exception cref="ArgumentException">No signer, or the JSON cannot be canonicalised.</exception>
    public static byte[] Sign(UpdateRole role, ReadOnlySpan<byte> signedJson, IReadOnlyList<UpdateSigner> signers)
    {
        ArgumentNullException.ThrowIfNull(signers);
        if (signers.Count == 0)
        {
            throw new ArgumentException("At least one signer is needed.", nameof(signers));
        }

        byte[] canonical;
        using (var document = JsonDocument.Parse(signedJson.ToArray()))
        {
            if (!CanonicalJson.TryWrite(document.RootElement, out canonical))
            {
                throw new ArgumentException("The document holds a value canonical JSON cannot carry.", nameof(signedJson));
            }
        }

        var signatures = new List<string>(signers.Count);
        foreach (var signer in signers)
        {
            if (!UpdateKeys.TryKeyId(signer.PublicKey, out var keyId))
            {
                throw new ArgumentException("A signer's public key is not base64url.", nameof(signers));
            }

            var header = new JoseHeader().Add("alg", "RS256").Add("kid", keyId).Add("typ", role.Typ());
            signatures.Add(JwsCompact.Sign(header, canonical, b64: true, includePayload: false, signer.SignRs256));
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("signed");
            writer.WriteRawValue(canonical, skipInputValidation: true);
            writer.WriteStartArray("signatures");
            foreach (var signature in signatures)
            {
                writer.WriteStringValue(signature);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
