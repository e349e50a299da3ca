using System.Security.Cryptography.X509Certificates;

namespace Kavach.Devices.Protocol.Jose;

/// <summary>
/// A compact JWS that passed the strict header checks of <see cref="StrictJws.Parse"/>; its signature is checked by
/// <see cref="StrictJws.VerifySignature"/>, and whether its certificate is trusted is the caller's decision.
/// </summary>
public sealed class StrictJwsToken
{
    internal StrictJwsToken(string typ, string? kid, IReadOnlyList<X509Certificate2> certificates, byte[] payload, byte[] signingInput, byte[] signature)
    {
        Typ = typ;
        Kid = kid;
        Certificates = certificates;
        Payload = payload;
        SigningInput = signingInput;
        Signature = signature;
    }

    /// <summary>The <c>typ</c> header (already compared with the expected one).</summary>
    public string Typ { get; }

    /// <summary>The <c>kid</c> header when present (already checked to name <c>x5c[0]</c>).</summary>
    public string? Kid { get; }

    /// <summary>The <c>x5c</c> certificates, signer first.</summary>
    public IReadOnlyList<X509Certificate2> Certificates { get; }

    /// <summary>The signer's certificate, <c>x5c[0]</c>.</summary>
    public X509Certificate2 Signer => Certificates[0];

    /// <summary>The decoded payload bytes (not yet parsed).</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    internal byte[] SigningInput { get; }

    internal byte[] Signature { get; }
}
