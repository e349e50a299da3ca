using System.Security.Cryptography;
using System.Text;
using Kavach.Crypto;
using Kavach.Crypto.Jose;
using Kavach.Devices.Transparency;

namespace Kavach.Devices.Hooks;

/// <summary>
/// Signs hook requests the way MOSIP signs partner requests: a detached compact JWS (RFC 7515 Appendix F) over the
/// exact body, RS256, <c>x5c</c> = [the hooks' signing certificate], sent in the <c>signature</c> HTTP header. The key
/// is a vault data-signing key of the hooks' own (<see cref="SigningKeyApplicationId"/>), certified by ROOT and unable
/// to issue; receivers pin ROOT and check with <see cref="HookSignatureVerifier"/>.
/// </summary>
public sealed class HookSigner
{
    /// <summary>The application id of the hooks' signing key (no key policy: unreachable from the key-manager API).</summary>
    public const string SigningKeyApplicationId = "KAVACH_DEVICE_HOOKS";

    /// <summary>The HTTP header that carries the signature.</summary>
    public const string Header = "signature";

    /// <summary>The JWS <c>typ</c> of a hook signature, so it means nothing elsewhere.</summary>
    public const string Type = "kavach-hook+jws";

    private readonly VaultSigningKey _key;

    /// <summary>Creates the signer over its key.</summary>
    public HookSigner(VaultSigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = key;
    }

    /// <summary>The detached JWS over <paramref name="body"/>.</summary>
    public async Task<string> SignAsync(byte[] body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        for (var attempt = 0; ; attempt++)
        {
            var certificate = await _key.GetCertificateAsync(cancellationToken);
            var header = new JoseHeader().Add("alg", "RS256").Add("typ", Type).Add("x5c", [Convert.ToBase64String(certificate.RawData)]);
            var encodedHeader = Base64Url.Encode(header.ToUtf8Json());
            var signingInput = Encoding.ASCII.GetBytes(encodedHeader + "." + Base64Url.Encode(body));
            var (signature, signer) = await _key.SignAsync(signingInput, cancellationToken);

            // The key may have been renewed between the two calls: the header must name the key that signed.
            if (CryptographicOperations.FixedTimeEquals(signer.RawData, certificate.RawData) || attempt > 0)
            {
                return encodedHeader + ".." + Base64Url.Encode(signature);
            }
        }
    }
}
