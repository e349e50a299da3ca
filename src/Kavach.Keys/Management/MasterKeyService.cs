using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Policy;

namespace Kavach.Keys.Management;

/// <summary><c>generateMasterKey</c> and <c>generateECSignKey</c> (spec §4.5).</summary>
public sealed class MasterKeyService
{
    private readonly KeyRing _ring;
    private readonly CsrFactory _csrs;

    /// <summary>Creates the service.</summary>
    public MasterKeyService(KeyRing ring, CsrFactory csrs)
    {
        _ring = ring;
        _csrs = csrs;
    }

    /// <summary>
    /// Makes (or returns) the master key of <paramref name="appId"/> (or KERNEL/SIGN). Unlike MOSIP, an unknown
    /// <paramref name="objectType"/> is refused before any key is generated.
    /// </summary>
    public async Task<Result<KeyPairResponse>> GenerateMasterKeyAsync(string objectType, string appId, string? refId, bool force, SubjectRequest subject, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(objectType))
        {
            return ErrorCodes.InvalidRequest;
        }

        if (!TryParseObjectType(objectType, out var wantCsr))
        {
            return ErrorCodes.InvalidResponseType;
        }

        refId ??= string.Empty;
        if (refId.Length != 0 && !KeyIds.IsKernelSign(appId, refId))
        {
            return ErrorCodes.ReferenceIdNotSupported;
        }

        return await GenerateAsync(appId, refId, force, subject, wantCsr, cancellationToken);
    }

    /// <summary>Makes (or returns) an EC or Ed25519 signing key.</summary>
    public async Task<Result<KeyPairResponse>> GenerateEcSignKeyAsync(string objectType, string appId, string? refId, bool force, SubjectRequest subject, CancellationToken cancellationToken)
    {
        if (!KeyRing.IsActive(await _ring.Policies.FindAsync(appId, cancellationToken)))
        {
            return ErrorCodes.ApplicationIdNotValid;
        }

        refId ??= string.Empty;
        if (!KeyIds.IsEcSignReference(refId) || appId == KeyIds.Root)
        {
            return ErrorCodes.EcSignReferenceIdNotSupported;
        }

        if (!TryParseObjectType(objectType, out var wantCsr))
        {
            return ErrorCodes.InvalidRequest with { Message = "Invalid request Allowed values are CSR/CERTIFICATE." };
        }

        return await GenerateAsync(appId, refId, force, subject, wantCsr, cancellationToken);
    }

    private async Task<Result<KeyPairResponse>> GenerateAsync(string appId, string refId, bool force, SubjectRequest subject, bool wantCsr, CancellationToken cancellationToken)
    {
        if (SubjectNames.Problem(subject) is { } problem)
        {
            return ErrorCodes.InvalidRequest with { Message = "Invalid request: " + problem };
        }

        var generated = await _ring.Generator.GenerateAsync(appId, refId, subject, force, cancellationToken);
        if (!generated.IsSuccess)
        {
            return generated.Error;
        }

        var key = generated.Value;
        if (!wantCsr)
        {
            return new KeyPairResponse(Pem.Certificate(key.Certificate), null, key.Certificate.NotBefore.ToUniversalTime(), key.Certificate.NotAfter.ToUniversalTime());
        }

        var csr = await _csrs.CreateAsync(key, key.Certificate.SubjectName, cancellationToken);
        return csr.IsSuccess
            ? new KeyPairResponse(null, csr.Value, key.Alias.GeneratedAt, key.Alias.ExpiresAt)
            : csr.Error;
    }

    private static bool TryParseObjectType(string objectType, out bool wantCsr)
    {
        wantCsr = string.Equals(objectType, "CSR", StringComparison.OrdinalIgnoreCase);
        return wantCsr || string.Equals(objectType, "CERTIFICATE", StringComparison.OrdinalIgnoreCase);
    }
}
