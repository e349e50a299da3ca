using System.Security.Cryptography.X509Certificates;

namespace Kavach.Trust.Channel;

/// <summary>
/// Whether a partner certificate was issued under the CA chain uploaded with it (not merely under some CA of the
/// domain): the partner vouches for its own certificates with its own CA.
/// </summary>
internal static class PartnerCaChain
{
    /// <summary>True when <paramref name="certificate"/> chains, at <paramref name="now"/>, to a self-signed certificate of <paramref name="bundle"/>.</summary>
    public static bool Issues(IReadOnlyList<X509Certificate2> bundle, X509Certificate2 certificate, DateTime now)
    {
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = DateTime.SpecifyKind(now, DateTimeKind.Utc).ToLocalTime();
        policy.VerificationTimeIgnored = false;
        foreach (var ca in bundle)
        {
            if (ca.SubjectName.RawData.AsSpan().SequenceEqual(ca.IssuerName.RawData))
            {
                policy.CustomTrustStore.Add(ca);
            }
            else
            {
                policy.ExtraStore.Add(ca);
            }
        }

        // Every element past the leaf must come from the bundle, so a chain through a system or cached CA does not count.
        return policy.CustomTrustStore.Count > 0 && chain.Build(certificate) &&
            chain.ChainElements.Skip(1).All(e => bundle.Any(ca => ca.RawData.AsSpan().SequenceEqual(e.Certificate.RawData)));
    }
}
