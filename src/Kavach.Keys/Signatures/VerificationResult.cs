namespace Kavach.Keys.Signatures;

/// <summary>The outcome of <c>/jwtVerify</c>: signature validity and the trust verdict (MOSIP's TRUST_* values).</summary>
public sealed record VerificationResult(bool SignatureValid, string TrustValid)
{
    /// <summary>Trust was not asked for.</summary>
    public const string TrustNotVerified = "TRUST_NOT_VERIFIED";

    /// <summary>Trust was asked for without a domain.</summary>
    public const string TrustNotVerifiedNoDomain = "TRUST_NOT_VERIFIED_NO_DOMAIN";

    /// <summary>The certificate chains to the domain's trust store.</summary>
    public const string TrustCertPathValid = "TRUST_CERT_PATH_VALID";

    /// <summary>It does not.</summary>
    public const string TrustCertPathNotValid = "TRUST_CERT_PATH_NOT_VALID";

    /// <summary>MOSIP's message for the result.</summary>
    public string Message => SignatureValid ? "Validation Successful" : "Validation Failed";
}
