using Kavach.Crypto.Jose;

namespace Kavach.Devices.Updates.Verification;

/// <summary>
/// Counts the distinct trusted keys whose signatures over a document verify. A signature counts only when its
/// protected header is exactly <c>{alg: "RS256", kid, typ}</c> with the role's <c>typ</c> and a <c>kid</c> of a key
/// trusted for that role; the key itself comes from the trusted list, never from the document (no <c>x5c</c>,
/// <c>jku</c>, <c>jwk</c>).
/// </summary>
internal static class UpdateSignatures
{
    private static readonly string[] HeaderMembers = ["alg", "kid", "typ"];

    public static UpdateRefusal Check(SignedEnvelope envelope, UpdateRole role, IReadOnlyList<string> trustedKeys, int threshold)
    {
        if (envelope.Signatures.Count == 0)
        {
            return UpdateRefusal.Unsigned;
        }

        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var key in trustedKeys)
        {
            if (UpdateKeys.TryDecode(key, out var der))
            {
                keys[UpdateKeys.KeyId(der)] = der;
            }
        }

        var verified = new HashSet<string>(StringComparer.Ordinal);
        foreach (var signature in envelope.Signatures)
        {
            if (Verify(signature, envelope.Canonical, role, keys) is { } keyId)
            {
                verified.Add(keyId);
            }
        }

        return verified.Count >= Math.Max(1, threshold) ? UpdateRefusal.None : UpdateRefusal.SignatureNotTrusted;
    }

    private static string? Verify(string signature, byte[] canonical, UpdateRole role, Dictionary<string, byte[]> keys)
    {
        if (!JwsCompact.TryParse(signature, out var parts)
            || !parts.IsDetached
            || !parts.Header.MemberNames.Order(StringComparer.Ordinal).SequenceEqual(HeaderMembers)
            || parts.Header.Alg != "RS256"
            || parts.Header.Typ != role.Typ()
            || parts.Header.Kid is not { } keyId
            || !keys.TryGetValue(keyId, out var der))
        {
            return null;
        }

        using var key = JwsVerificationKey.FromSubjectPublicKeyInfo(der);
        return key is not null && JwsCompact.VerifyDetached(parts, canonical, key) ? keyId : null;
    }
}
