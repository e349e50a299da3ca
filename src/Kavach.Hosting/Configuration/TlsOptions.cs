namespace Kavach.Hosting.Configuration;

/// <summary>HTTPS settings (<c>Kavach:Tls</c>; docs/tls.md). HTTPS endpoints come from <c>--urls</c> / <c>ASPNETCORE_URLS</c> (<c>https://…</c>).</summary>
public sealed class TlsOptions
{
    /// <summary>
    /// An operator-supplied server certificate: a PFX/PKCS#12 file, or a PEM file (leaf first, then its chain) with the
    /// key in <see cref="KeyPath"/> (or in the same file). When unset, Kavach issues its own from its hierarchy.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of <see cref="CertificatePath"/>, when it is not in the certificate file.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The PFX password or the encrypted PEM key's password (a secret: prefer <c>Kavach__Tls__Password</c>).</summary>
    public string? Password { get; set; }

    /// <summary>DNS names and IP addresses of the issued certificate (subjectAltName); the first DNS name is also its CN.</summary>
    public string[] SubjectAlternativeNames { get; set; } = ["localhost", "127.0.0.1", "::1"];

    /// <summary>Validity of an issued certificate in days (clipped to the issuing KERNEL master's).</summary>
    public int ValidityDays { get; set; } = 365;

    /// <summary>An issued certificate is replaced this many days before it expires.</summary>
    public int RenewBeforeDays { get; set; } = 30;

    /// <summary><c>EcP256</c> (default; cheap handshakes) or <c>Rsa2048</c> for the issued certificate's key.</summary>
    public string KeyAlgorithm { get; set; } = "EcP256";

    /// <summary>
    /// The (application id, reference id) of the TLS key in <c>key_alias</c>/<c>key_store</c>. The application has no
    /// key policy on purpose: no decrypt or sign endpoint can use the TLS key (MOSIP's separate SSL key).
    /// </summary>
    public string KeyApplicationId { get; set; } = "KAVACH_TLS";

    /// <summary>See <see cref="KeyApplicationId"/>.</summary>
    public string KeyReferenceId { get; set; } = "SSL";

    /// <summary>Allow plain <c>http://</c> on a non-loopback address (behind a TLS-terminating proxy only).</summary>
    public bool AllowPlainHttp { get; set; }
}
