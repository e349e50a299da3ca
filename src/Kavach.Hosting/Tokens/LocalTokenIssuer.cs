using System.Buffers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kavach.Crypto;
using Kavach.Crypto.Jose;
using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Management;
using Kavach.Keys.Policy;
using Kavach.Keys.Signatures;
using Kavach.Keys.Storage;
using Kavach.Hosting.Security.Options;

namespace Kavach.Hosting.Tokens;

/// <summary>
/// The embedded token issuer. Tokens are RS256 JWTs signed inside the vault by the data-signing key (refId <c>SIGN</c>,
/// not a CA) of <see cref="LocalIssuerOptions.ApplicationId"/>, issued by that application's module key (keys of our own
/// hierarchy, chained to ROOT, rotated by the key policy, revocable with <c>revokeKey</c>). The policy is created with an empty <c>access_allowed</c>, so no API caller can sign
/// with that key (jwtSign and friends refuse it); neither issuing nor verifying works if someone opens it up.
/// </summary>
public sealed partial class LocalTokenIssuer
{
    private static readonly KavachError AccessibleKey = ErrorCodes.InternalServerError with
    {
        Message = "The token issuer's key policy allows API access (access_allowed must be empty); local tokens are disabled",
    };

    private readonly KeyRing _ring;
    private readonly KeyPolicyCatalog _policies;
    private readonly IKeyStore _store;
    private readonly SigningKeyProvider _signing;

    /// <summary>Creates the issuer over the key ring, store and a signing-key provider.</summary>
    public LocalTokenIssuer(KeyRing ring, KeyPolicyCatalog policies, IKeyStore store, SigningKeyProvider signing, LocalIssuerOptions options)
    {
        _ring = ring;
        _policies = policies;
        _store = store;
        _signing = signing;
        Options = options;
    }

    /// <summary>The issuer's settings.</summary>
    public LocalIssuerOptions Options { get; }

    /// <summary>The runtime's clock.</summary>
    internal DateTime Now => _ring.Now;

    /// <summary>The <c>kid</c> of tokens signed with <paramref name="certificate"/>'s key (its base64url SHA-256 thumbprint).</summary>
    public static string KeyId(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Base64Url.Encode(SHA256.HashData(certificate.RawData));
    }

    /// <summary>Mints a token for <paramref name="subject"/> with <paramref name="roles"/> (Keycloak's <c>realm_access.roles</c>), valid for <paramref name="lifetime"/>.</summary>
    public async Task<Result<IssuedToken>> IssueAsync(string subject, IReadOnlyCollection<string> roles, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (!Options.Enabled)
        {
            return ErrorCodes.InvalidRequest with { Message = "The local token issuer is disabled (Kavach:Security:LocalIssuer:Enabled)" };
        }

        if (string.IsNullOrWhiteSpace(subject) || subject.Length > 256 || subject.Any(char.IsControl))
        {
            return ErrorCodes.InvalidRequest with { Message = "Invalid request: the subject must be 1-256 printable characters" };
        }

        if (roles.FirstOrDefault(role => !RoleName().IsMatch(role)) is { } bad)
        {
            return ErrorCodes.InvalidRequest with { Message = $"Invalid request: '{bad}' is not a role name (letters, digits, _ . : -)" };
        }

        if (lifetime <= TimeSpan.Zero || lifetime > Options.MaxLifetime)
        {
            return ErrorCodes.InvalidRequest with { Message = $"Invalid request: the lifetime must be positive and at most {Kavach.Hosting.Text.Durations.Format(Options.MaxLifetime)} (Kavach:Security:LocalIssuer:MaxLifetime)" };
        }

        var key = await SigningKeyAsync(cancellationToken);
        if (!key.IsSuccess)
        {
            return key.Error;
        }

        var now = DateTime.SpecifyKind(CertificateFactory.TruncateToSeconds(_ring.Now), DateTimeKind.Utc);
        var expires = now + lifetime;
        var keyId = KeyId(key.Value.Certificate);
        var signingInput = Base64Url.Encode(Header(keyId)) + "." + Base64Url.Encode(Payload(subject, roles, now, expires));
        var signer = await _signing.PrepareAsync(key.Value, JwsAlgorithm.RS256, cancellationToken);
        if (!signer.IsSuccess)
        {
            return signer.Error;
        }

        using (signer.Value)
        {
            var signature = signer.Value.Sign(Encoding.ASCII.GetBytes(signingInput));
            return new IssuedToken(signingInput + "." + Base64Url.Encode(signature), expires, keyId);
        }
    }

    /// <summary>
    /// The keys that verify local tokens now: every unexpired, time-valid key of the issuer's application. Empty before
    /// the first token was issued; an error when the key policy lets API callers use the key.
    /// </summary>
    public async Task<Result<IReadOnlyList<LocalIssuerKey>>> GetVerificationKeysAsync(CancellationToken cancellationToken)
    {
        var policy = await _policies.FindAsync(Options.ApplicationId, cancellationToken);
        if (policy is null)
        {
            return Array.Empty<LocalIssuerKey>();
        }

        if (!string.IsNullOrWhiteSpace(policy.AccessAllowed))
        {
            return AccessibleKey;
        }

        var now = _ring.Now;

        // Tokens are signed by the issuer's data-signing key (APP/SIGN), which counts only while the module key that
        // issued it is unexpired: rotating the module key by force still ends every token. The module keys themselves
        // signed tokens before Kavach separated issuing from data signing, and verify those until they expire (a JWT's
        // signing input can never be a certificate the module key issues).
        var modules = await UsableCertificatesAsync(string.Empty, KeyClass.Master, now, cancellationToken);
        var signing = (await UsableCertificatesAsync(KeyIds.Sign, KeyClass.DataSign, now, cancellationToken))
            .Where(certificate => modules.Any(module => CertificateSignature.IsSignedBy(certificate, module)));
        return signing.Concat(modules).Select(certificate => new LocalIssuerKey(KeyId(certificate), certificate)).ToList();
    }

    private async Task<List<X509Certificate2>> UsableCertificatesAsync(string refId, KeyClass keyClass, DateTime now, CancellationToken cancellationToken)
    {
        var usable = new List<X509Certificate2>();
        foreach (var alias in await _store.GetAliasesAsync(Options.ApplicationId, refId, cancellationToken))
        {
            if (alias.ExpiresAt <= now)
            {
                continue;
            }

            var loaded = await _ring.LoadAsync(alias, keyClass, cancellationToken);
            if (!loaded.IsSuccess)
            {
                continue;
            }

            var certificate = loaded.Value.Certificate;
            if (now >= certificate.NotBefore.ToUniversalTime() - TimeSpan.FromMinutes(5) && now <= certificate.NotAfter.ToUniversalTime())
            {
                usable.Add(certificate);
            }
        }

        return usable;
    }

    private async Task<Result<SigningKey>> SigningKeyAsync(CancellationToken cancellationToken)
    {
        var appId = Options.ApplicationId;
        var policy = await _policies.FindAsync(appId, cancellationToken);
        if (policy is null)
        {
            // Created with no API access: only this issuer signs with the key.
            await _store.UpsertPolicyAsync(new KeyPolicy(appId, Options.KeyValidityDays, Options.KeyPreExpireDays, IsActive: true, AccessAllowed: null), cancellationToken);
            _policies.Invalidate();
        }
        else if (!string.IsNullOrWhiteSpace(policy.AccessAllowed))
        {
            return AccessibleKey;
        }

        var key = await _signing.GetAsync(appId, string.Empty, cancellationToken);
        if (!key.IsSuccess && key.Error.Code == ErrorCodes.KeyGenerationNotDone.Code)
        {
            var generated = await _ring.Generator.GenerateAsync(appId, string.Empty, new SubjectRequest(CommonName: "Kavach token issuer"), force: false, cancellationToken);
            if (!generated.IsSuccess)
            {
                return generated.Error;
            }

            key = await _signing.GetAsync(appId, string.Empty, cancellationToken);
        }

        return key;
    }

    private static byte[] Header(string keyId)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("alg", "RS256");
            json.WriteString("typ", "JWT");
            json.WriteString("kid", keyId);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private byte[] Payload(string subject, IReadOnlyCollection<string> roles, DateTime issuedAt, DateTime expires)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("iss", Options.Issuer);
            json.WriteString("sub", subject);
            json.WriteString("aud", Options.Audience);
            json.WriteNumber("iat", UnixSeconds(issuedAt));
            json.WriteNumber("nbf", UnixSeconds(issuedAt));
            json.WriteNumber("exp", UnixSeconds(expires));
            json.WriteString("jti", Base64Url.Encode(RandomNumberGenerator.GetBytes(16)));
            json.WriteString("preferred_username", subject);
            json.WriteStartObject("realm_access");
            json.WriteStartArray("roles");
            foreach (var role in roles.Distinct(StringComparer.Ordinal))
            {
                json.WriteStringValue(role);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static long UnixSeconds(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerSecond;

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,128}$")]
    private static partial Regex RoleName();
}
