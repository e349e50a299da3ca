namespace Kavach.Server.Tests.Trust.Pki;

/// <summary>A certificate made by openssl, its private key, and where both are on disk.</summary>
public sealed record IssuedCertificate(string CertificatePem, string PrivateKeyPem, string CertificatePath, string PrivateKeyPath);
