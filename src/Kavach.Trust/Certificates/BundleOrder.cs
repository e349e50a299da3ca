using System.Security.Cryptography.X509Certificates;

namespace Kavach.Trust.Certificates;

/// <summary>
/// Orders a CA bundle so that every certificate comes after its issuer: roots first. MOSIP only reverses the list,
/// so a bundle in any other order partly fails; sorting makes the order of the file irrelevant.
/// </summary>
internal static class BundleOrder
{
    /// <summary>Self-signed certificates first, then each certificate once its issuer is placed; the rest keep their order at the end.</summary>
    public static IReadOnlyList<X509Certificate2> RootFirst(IReadOnlyList<X509Certificate2> certificates)
    {
        var selfSigned = certificates.Where(CertificateFacts.IsSelfSigned).ToHashSet();
        var remaining = certificates.ToList();
        var ordered = new List<X509Certificate2>(remaining.Count);
        bool progress;
        do
        {
            progress = false;
            for (var i = 0; i < remaining.Count; i++)
            {
                var candidate = remaining[i];
                if (selfSigned.Contains(candidate) || ordered.Any(issuer => CertificateFacts.IsIssuedBy(candidate, issuer)))
                {
                    ordered.Add(candidate);
                    remaining.RemoveAt(i);
                    progress = true;
                    break;
                }
            }
        }
        while (progress);

        ordered.AddRange(remaining);
        return ordered;
    }
}
