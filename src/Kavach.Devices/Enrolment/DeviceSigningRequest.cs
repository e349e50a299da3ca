using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Protocol.Jose;

namespace Kavach.Devices.Enrolment;

/// <summary>
/// Reads a device's PKCS#10 request (DER) and keeps only its public key, after checking its self-signature (proof of
/// possession) and that the key is RSA of 2048–8192 bits (MOSIP's FTMs sign with RSA ≥ 2048). Subject and extensions of
/// the request are ignored: the device CA lays the certificate out.
/// </summary>
internal static class DeviceSigningRequest
{
    private const int MaxRequestBytes = 16 * 1024;

    /// <summary>The request's public key, or null when the request is malformed, its signature fails or its key is weak.</summary>
    public static PublicKey? Read(byte[] der)
    {
        if (der.Length is 0 or > MaxRequestBytes)
        {
            return null;
        }

        CertificateRequest request;
        try
        {
            // The default options verify the request's signature with its own key; PKCS#1 v1.5 as RS256 uses.
            request = CertificateRequest.LoadSigningRequest(der, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return null;
        }

        using var rsa = request.PublicKey.GetRSAPublicKey();
        return rsa is { KeySize: >= DeviceJose.MinimumRsaKeySize and <= 8192 } ? request.PublicKey : null;
    }
}
