using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto.Jose;

namespace Kavach.Devices.Hooks;

/// <summary>
/// What a hook receiver (an adopter's adapter in front of PMS or the hotlist, or our tests' stub) checks: the
/// <c>signature</c> header is a detached RS256 JWS of <see cref="HookSigner.Type"/> over the exact body, its single
/// <c>x5c</c> certificate chains to the pinned Kavach ROOT, is valid now, and cannot issue. Pure; null when it holds.
/// </summary>
public static class HookSignatureVerifier
{
    /// <summary>Null when <paramref name="signature"/> is our valid signature of <paramref name="body"/>; else the reason.</summary>
    public static string? Verify(string? signature, ReadOnlySpan<byte> body, X509Certificate2 pinnedRoot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pinnedRoot);
        if (!JwsCompact.TryParse(signature, out var parts) || parts.EncodedPayload.Length != 0)
        {
            return "The signature is not a detached compact JWS.";
        }

        if (parts.Header.Alg != "RS256" || parts.Header.Typ != HookSigner.Type || parts.Header.Jku is not null || parts.Header.X5u is not null
            || !parts.Header.TryDecodeX5c(out var x5c) || x5c.Count != 1)
        {
            return "The signature header is not RS256, typ " + HookSigner.Type + ", with exactly one x5c certificate.";
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(x5c[0]);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return "The signing certificate is unreadable.";
        }

        using var owned = certificate;
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
        {
            return "The signing certificate is not valid now.";
        }

        if (Kavach.Keys.Vault.KeyUsageRules.CanIssue(certificate))
        {
            return "The signing certificate is a CA.";
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(pinnedRoot);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        if (!chain.Build(certificate))
        {
            return "The signing certificate does not chain to the pinned root.";
        }

        using var key = JwsVerificationKey.FromCertificate(certificate);
        return key is not null && JwsCompact.VerifyDetached(parts, body, key) ? null : "The signature does not verify over the body.";
    }
}
