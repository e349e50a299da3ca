using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto;
using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.Keys.Management;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;
using Kavach.Keys.Wrapping;
using Kavach.Hosting.Composition;
using Microsoft.Extensions.DependencyInjection;
using Kavach.Keys.Policy;
using Kavach.Keys.DataProtection;

namespace Kavach.Bench.Seed;

/// <summary>Makes base-key rows as KeyGenerator does, with RSA key pairs from a pre-generated pool (see Program).</summary>
internal sealed class KeyPool
{
    private readonly IServiceProvider _runtime;
    private readonly string _app;
    private readonly byte[][] _pkcs8;
    private readonly PublicKey[] _publicKeys;
    private readonly ResolvedKey _master;
    private readonly RSA _masterPublic;
    private readonly int _validityDays;

    private KeyPool(IServiceProvider runtime, string app, byte[][] pkcs8, PublicKey[] publicKeys, ResolvedKey master, int validityDays)
    {
        _runtime = runtime;
        _app = app;
        _pkcs8 = pkcs8;
        _publicKeys = publicKeys;
        _master = master;
        _masterPublic = master.Certificate.GetRSAPublicKey() ?? throw new InvalidOperationException("Master keys are RSA keys.");
        _validityDays = validityDays;
    }

    public int Count => _pkcs8.Length;

    public static async Task<KeyPool> CreateAsync(IServiceProvider runtime, string app, int distinct, int parallel)
    {
        var master = await runtime.GetRequiredService<KeyRing>().GetCurrentAsync(app, string.Empty, CancellationToken.None);
        if (!master.IsSuccess)
        {
            throw new InvalidOperationException($"no master key for {app}: {master.Error.Code} {master.Error.Message}");
        }

        var policy = await runtime.GetRequiredService<KeyPolicyCatalog>().FindAsync(app, CancellationToken.None)
            ?? throw new InvalidOperationException($"no key policy for {app}");
        var pkcs8 = new byte[distinct][];
        var publicKeys = new PublicKey[distinct];
        Parallel.For(0, distinct, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallel) }, i =>
        {
            using var rsa = RSA.Create(2048);
            pkcs8[i] = rsa.ExportPkcs8PrivateKey();
            publicKeys[i] = PublicKey.CreateFromSubjectPublicKeyInfo(rsa.ExportSubjectPublicKeyInfo(), out _);
        });
        return new KeyPool(runtime, app, pkcs8, publicKeys, master.Value, policy.ValidityDays);
    }

    /// <summary>Creates the key of (app, <paramref name="refId"/>) unless one exists; null on success.</summary>
    public async Task<KavachError?> CreateAsync(string refId, int index, CancellationToken cancellationToken)
    {
        var slot = index % _pkcs8.Length;
        var now = _runtime.GetRequiredService<KeyRing>().Now;
        var notBefore = CertificateFactory.TruncateToSeconds(now);
        var subject = SubjectNames.ForBaseKey(_master.Certificate.SubjectName, _app, refId);
        using var certificate = _runtime.GetRequiredService<IKeyVault>().IssueCertificate(
            _master.Alias.Id, CertificateFactory.Prepare(CertificateProfile.Encryption, subject, _publicKeys[slot], _master.Certificate, notBefore, notBefore.AddDays(_validityDays)));
        var wrapped = BaseKeyWrapper.Wrap(_pkcs8[slot], _masterPublic);
        var aliasId = Guid.NewGuid().ToString();
        var row = new KeyAlias(
            aliasId,
            _app,
            refId,
            certificate.NotBefore.ToUniversalTime(),
            certificate.NotAfter.ToUniversalTime(),
            certificate.GetCertHashString(HashAlgorithmName.SHA256),
            UniqueIdentifiers.Compute(UniqueIdentifiers.GeneratedValue(_app, refId, notBefore) + "_" + aliasId));

        await using var scope = await _runtime.GetRequiredService<IKeyStore>().BeginWriteAsync(_app, refId, cancellationToken);
        if ((await scope.GetAliasesAsync(cancellationToken)).Count > 0)
        {
            await scope.CommitAsync(cancellationToken);
            return null;
        }

        await scope.InsertAliasAsync(row, cancellationToken);
        await scope.InsertStoredKeyAsync(new StoredKey(aliasId, _master.Alias.Id, wrapped, Pem.Certificate(certificate)), cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>Encrypts and decrypts through EnvelopeService with each key; null when all round trips succeed.</summary>
    public static async Task<string?> VerifyAsync(IServiceProvider runtime, string app, IReadOnlyList<string> refIds)
    {
        var data = Base64Url.Encode("seed check"u8);
        foreach (var refId in refIds)
        {
            var encrypted = await runtime.GetRequiredService<EnvelopeService>().EncryptAsync(app, refId, data, null, null, Kavach.Keys.Access.Caller.System, CancellationToken.None);
            if (!encrypted.IsSuccess)
            {
                return $"verify {refId}: encrypt {encrypted.Error.Code}";
            }

            var decrypted = await runtime.GetRequiredService<EnvelopeService>().DecryptAsync(app, refId, encrypted.Value, null, null, Kavach.Keys.Access.Caller.System, CancellationToken.None);
            if (!decrypted.IsSuccess || decrypted.Value != data)
            {
                return string.Create(CultureInfo.InvariantCulture, $"verify {refId}: decrypt {(decrypted.IsSuccess ? "mismatch" : decrypted.Error.Code)}");
            }
        }

        return null;
    }
}
