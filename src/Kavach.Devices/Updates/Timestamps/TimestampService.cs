using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Updates.Signing;
using Kavach.Devices.Updates.Storage;
using Kavach.Devices.Updates.Verification;
using Kavach.Keys.Vault;
using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Updates.Timestamps;

/// <summary>
/// The online timestamp role (spec §4.9): a vault key that signs <c>timestamp.json</c> for every unexpired release,
/// valid 24 h and re-signed hourly by <see cref="RunAsync"/> on the injected clock. The key's certificate is a
/// self-signed end-entity certificate (digitalSignature only, not a CA), so the vault lets it sign data and never
/// issue; devices trust it only because the offline-signed <c>trust.json</c> lists its public key.
/// </summary>
public sealed class TimestampService : IDisposable
{
    // Spec §4.9: RSA-3072, like the device CA; the verifier accepts RSA of 2048 bits and more.
    private const VaultKeyType KeyType = VaultKeyType.Rsa3072;

    private readonly IDeviceUpdateStore _store;
    private readonly IKeyVault _vault;
    private readonly UpdateOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<TimestampService> _logger;
    private readonly SemaphoreSlim _keyGate = new(1, 1);
    private string? _publicKey;

    /// <summary>Creates the service.</summary>
    public TimestampService(IDeviceUpdateStore store, IKeyVault vault, UpdateOptions options, TimeProvider time, ILogger<TimestampService> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(vault);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _vault = vault;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Raised by <see cref="RunAsync"/> after each successful refresh, with the number of releases re-signed (for the host's metrics).</summary>
    public event Action<int>? Refreshed;

    /// <summary>The timestamp key's public key text (for the operator's <c>trust.json</c>), creating the key on first use.</summary>
    public async Task<string> GetPublicKeyAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _publicKey) is { } known)
        {
            return known;
        }

        await _keyGate.WaitAsync(cancellationToken);
        try
        {
            var certificate = await _vault.GetCertificateAsync(_options.TimestampKeyAlias, cancellationToken)
                ?? await CreateKeyAsync(cancellationToken);
            using (certificate)
            {
                var key = UpdateKeys.Encode(certificate.PublicKey.ExportSubjectPublicKeyInfo());
                Volatile.Write(ref _publicKey, key);
                return key;
            }
        }
        finally
        {
            _keyGate.Release();
        }
    }

    /// <summary>Signs a fresh timestamp for <paramref name="release"/> and stores it.</summary>
    public async Task<TimestampRecord> SignAsync(ReleaseRecord release, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        var publicKey = await GetPublicKeyAsync(cancellationToken);
        var now = _time.GetUtcNow();
        var document = new TimestampDocument(release.ReleaseCounter, release.DocumentSha256, TruncateToSeconds(now + _options.TimestampLifetime));
        var alias = _options.TimestampKeyAlias;
        var signed = UpdateDocumentSigner.Sign(document, [new UpdateSigner(publicKey, input => _vault.SignData(alias, input, VaultSignatureAlgorithm.RsaPkcs1Sha256))]);
        var record = new TimestampRecord(release.ReleaseCounter, System.Text.Encoding.UTF8.GetString(signed), document.Expires, now);
        await _store.UpsertTimestampAsync(record, cancellationToken);
        return record;
    }

    /// <summary>Re-signs the timestamp of every release whose manifest has not expired; returns how many.</summary>
    public async Task<int> RefreshAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var count = 0;
        foreach (var release in await _store.ListReleasesAsync(cancellationToken))
        {
            if (release.Expires > now)
            {
                await SignAsync(release, cancellationToken);
                count++;
            }
        }

        UpdateLog.TimestampsRefreshed(_logger, count);
        return count;
    }

    /// <summary>Refreshes now and then every <see cref="UpdateOptions.TimestampRefreshInterval"/> until cancelled; a failed refresh is logged and retried at the next tick. The host runs it as a background service.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.TimestampRefreshInterval, _time);
        try
        {
            do
            {
                try
                {
                    Refreshed?.Invoke(await RefreshAsync(cancellationToken));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    UpdateLog.TimestampRefreshFailed(_logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    /// <inheritdoc />
    public void Dispose() => _keyGate.Dispose();

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), value.Offset);

    private async Task<X509Certificate2> CreateKeyAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var certificate = await _vault.CreateKeyPairAsync(
            _options.TimestampKeyAlias,
            KeyType,
            (publicKey, selfSigner) =>
            {
                var request = new CertificateRequest(new X500DistinguishedName("CN=Kavach device update timestamp"), publicKey, HashAlgorithmName.SHA256);
                request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
                request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
                var serial = RandomNumberGenerator.GetBytes(16);
                serial[0] &= 0x7F;
                return request.Create(request.SubjectName, selfSigner, now.AddMinutes(-1), now.AddYears(1), serial);
            },
            cancellationToken);
        UpdateLog.TimestampKeyCreated(_logger, _options.TimestampKeyAlias);
        return certificate;
    }
}
