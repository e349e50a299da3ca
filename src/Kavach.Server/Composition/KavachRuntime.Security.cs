using Kavach.Keys.Errors;
using Kavach.Keys.Signatures;
using Kavach.Server.Security.Tokens;
using Kavach.Hosting.Tokens;

namespace Kavach.Server.Composition;

/// <summary>The security services that need the key hierarchy: the local token issuer and the admin token.</summary>
public sealed partial class KavachRuntime
{
    private readonly SemaphoreSlim _adminTokenGate = new(1, 1);
    private LocalTokenIssuer? _tokens;

    /// <summary>The embedded token issuer (signs in the vault with the issuer application's master key).</summary>
    public LocalTokenIssuer Tokens => LazyInitializer.EnsureInitialized(ref _tokens, () =>
        new LocalTokenIssuer(Ring, Policies, Store, new SigningKeyProvider(Ring, Store, Vault, PrivateKeys), Options.Security.LocalIssuer));

    /// <summary>Partner certificates (mTLS) are checked against the trust store of their domain.</summary>
    public ICertificateTrustVerifier ClientCertificateTrust => Trust.Verifier;

    /// <summary>Writes or refreshes <c>&lt;DataDir&gt;/admin.token</c>; one writer at a time per process.</summary>
    public async Task<Result<AdminTokenOutcome>> EnsureAdminTokenAsync(CancellationToken cancellationToken)
    {
        await _adminTokenGate.WaitAsync(cancellationToken);
        try
        {
            return await AdminTokenFile.EnsureAsync(Tokens, Options.DataDirectory, cancellationToken);
        }
        finally
        {
            _adminTokenGate.Release();
        }
    }
}
