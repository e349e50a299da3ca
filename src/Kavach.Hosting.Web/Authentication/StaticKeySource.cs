using Microsoft.IdentityModel.Tokens;

namespace Kavach.Hosting.Web.Authentication;

/// <summary>Keys given in configuration: parsed once at start-up, never refetched.</summary>
internal sealed class StaticKeySource : CachingKeySource
{
    private readonly IssuerKeys _keys;

    public StaticKeySource(IReadOnlyList<SecurityKey> keys, string issuer, TimeProvider time)
        : base(time, TimeSpan.MaxValue, TimeSpan.MaxValue) => _keys = new IssuerKeys(keys, issuer, true);

    public override bool IsLocal => false;

    protected override Task<IssuerKeys?> FetchAsync(CancellationToken cancellationToken) => Task.FromResult<IssuerKeys?>(_keys);
}
