using System.Security.Cryptography.X509Certificates;
using Kavach.Trust.Storage;

namespace Kavach.Trust.Paths;

/// <summary>A trust-path check's outcome, the path (target first, root last) when trusted, and the issuing CA's row.</summary>
/// <param name="Verdict">Trusted or why not.</param>
/// <param name="Path">The certificates from the target to the root; empty unless trusted.</param>
/// <param name="Issuer">The domain's row of the target's issuer (the root's own row for a root); null unless trusted.</param>
/// <param name="RevokedSubject">The MOSIP-form subject of the revoked certificate when <see cref="TrustVerdict.Revoked"/>.</param>
public sealed record TrustEvaluation(TrustVerdict Verdict, IReadOnlyList<X509Certificate2> Path, CaCertificateRecord? Issuer, string? RevokedSubject)
{
    /// <summary>A failed check without detail.</summary>
    public static TrustEvaluation Untrusted(TrustVerdict verdict, string? revokedSubject = null) => new(verdict, [], null, revokedSubject);

    /// <summary>True when trusted.</summary>
    public bool IsTrusted => Verdict == TrustVerdict.Trusted;

    /// <summary>Why it is not trusted, as Kavach puts it on the wire (<c>NO_TRUST_PATH</c>, <c>NOT_TIME_VALID</c>, <c>REVOKED</c>); null when trusted.</summary>
    public string? Reason => Verdict switch
    {
        TrustVerdict.Trusted => null,
        TrustVerdict.NotTimeValid => "NOT_TIME_VALID",
        TrustVerdict.Revoked => "REVOKED",
        _ => "NO_TRUST_PATH",
    };
}
