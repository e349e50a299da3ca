using BitFaster.Caching.Lru;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace Kavach.Hosting.Web.Authentication;

/// <summary>
/// Bearer tokens that passed every check, so a client reusing its token (the normal case) costs a hash and a lookup per
/// request instead of a signature verification and a JSON parse.
/// </summary>
/// <remarks>
/// An entry is used only until the token expires (plus the allowed skew, exactly as validation would decide) and only
/// while its issuer still serves the very key set that verified it: a key rotation, a JWKS refresh or a revoked local
/// issuer key sends the token through full validation again. Tokens are kept as a SHA-256 prefix, never as text.
/// </remarks>
internal sealed class ValidatedTokenCache
{
    // Bounded like every cache of ours: a flood of distinct valid tokens only costs validations.
    private const int MaxEntries = 10_000;

    private readonly ConcurrentLru<UInt128, Entry> _entries = new(MaxEntries);
    private readonly TimeProvider _time;

    public ValidatedTokenCache(TimeProvider time) => _time = time;

    /// <summary>The principal of a token validated earlier, if its entry still holds; <paramref name="issuer"/> is then set.</summary>
    public ClaimsPrincipal? Find(string token, out TrustedIssuer? issuer, out IssuerKeys? keys)
    {
        issuer = null;
        keys = null;
        if (!_entries.TryGet(KeyOf(token), out var entry) || _time.GetUtcNow().UtcDateTime > entry.ValidUntil)
        {
            return null;
        }

        issuer = entry.Issuer;
        keys = entry.Keys;
        return entry.Principal;
    }

    /// <summary>Remembers a token that passed validation with <paramref name="keys"/> until <paramref name="validUntil"/>.</summary>
    public void Add(string token, ClaimsPrincipal principal, TrustedIssuer issuer, IssuerKeys keys, DateTime validUntil)
    {
        _entries.AddOrUpdate(KeyOf(token), new Entry(principal, issuer, keys, validUntil));
    }

    /// <summary>Forgets a token (its issuer's keys changed).</summary>
    public void Remove(string token) => _entries.TryRemove(KeyOf(token));

    private static UInt128 KeyOf(string token)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var length = Encoding.UTF8.GetByteCount(token);
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(token, rented);
            SHA256.HashData(rented.AsSpan(0, written), hash);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }

        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }

    private sealed record Entry(ClaimsPrincipal Principal, TrustedIssuer Issuer, IssuerKeys Keys, DateTime ValidUntil);
}
