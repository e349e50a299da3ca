using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Kavach.Devices.Registry;
using Kavach.Devices.Repository.Approvals;
using Kavach.Devices.Repository.Models;
using Kavach.Devices.Repository.Providers;
using Kavach.Keys.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.Devices.Repository.Whitelist;

/// <summary>
/// Factory whitelist batches (spec §4.5): a compact RS256 JWS signed by the provider's factory key, <c>x5c</c> =
/// [factory certificate] chaining to the provider's CA in trust domain DEVICE with <c>O</c> = the provider's
/// organisation name; every entry of an approved make/model of that provider; no serial twice or already known, except
/// a registered device Quarantined or Deregistered, which the batch re-admits (<see cref="WhitelistReadmission"/>).
/// Import records the batch and opens a <see cref="ApprovalKind.WhitelistImport"/> request; the devices enter the
/// registry (all or none) only when a second administrator approves it (<see cref="WhitelistApprovalHandler"/>).
/// </summary>
public sealed class WhitelistService
{
    private const string ImportOperation = "device.whitelist.import";

    private readonly IWhitelistStore _store;
    private readonly IDeviceProviderStore _providers;
    private readonly IDeviceModelStore _models;
    private readonly IProviderTrust _trust;
    private readonly ApprovalService _approvals;
    private readonly IDeviceAudit _audit;
    private readonly DeviceRepositoryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Composes the service.</summary>
    public WhitelistService(
        IWhitelistStore store,
        IDeviceProviderStore providers,
        IDeviceModelStore models,
        IProviderTrust trust,
        ApprovalService approvals,
        IDeviceAudit audit,
        DeviceRepositoryOptions options,
        TimeProvider time,
        ILogger<WhitelistService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(approvals);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _providers = providers;
        _models = models;
        _trust = trust;
        _approvals = approvals;
        _audit = audit;
        _options = options;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Checks and records a batch file and opens its approval request; nothing enters the registry yet.</summary>
    public async Task<Result<WhitelistImport>> ImportAsync(string? batchFile, string principal, CancellationToken cancellationToken)
    {
        if (RepositoryInput.Principal(principal) is { } badPrincipal)
        {
            return badPrincipal;
        }

        var now = _time.GetUtcNow();
        var (checkedBatch, refusal) = await CheckAsync(batchFile, cancellationToken);
        if (checkedBatch is null)
        {
            return await RefuseAsync(now, principal, refusal!.Subject, refusal.Error, cancellationToken);
        }

        var (verified, provider, entries) = checkedBatch;
        using var factory = verified.FactoryCertificate;
        var batchId = verified.Payload.BatchId;
        var batch = new WhitelistBatchRecord(
            batchId,
            provider.ProviderId,
            WhitelistBatchState.Pending,
            entries.Count,
            verified.BatchSha256,
            Convert.ToHexStringLower(SHA256.HashData(factory.RawData)),
            batchFile!,
            null,
            principal,
            now,
            null,
            null);
        if (!await _store.TryInsertBatchAsync(batch, entries, cancellationToken))
        {
            return await RefuseAsync(now, principal, batchId, DeviceRepositoryErrors.BatchExists, cancellationToken);
        }

        var payload = JsonSerializer.Serialize(new Dictionary<string, object> { ["batchId"] = batchId, ["providerId"] = provider.ProviderId, ["entries"] = entries.Count });
        Result<ApprovalRequest> approval;
        try
        {
            approval = await _approvals.RequestAsync(ApprovalKind.WhitelistImport, batchId, payload, principal, cancellationToken);
        }
        catch (Exception)
        {
            await AbandonAsync(batchId, principal);
            throw;
        }

        if (!approval.IsSuccess)
        {
            // A Pending batch nobody can approve would hold its serials as known for ever.
            await AbandonAsync(batchId, principal);
            return await RefuseAsync(now, principal, batchId, approval.Error, cancellationToken);
        }

        await _store.TrySetBatchApprovalAsync(batchId, approval.Value.Id, cancellationToken);
        await _audit.RecordAsync(
            new DeviceAuditEvent(now, ImportOperation, principal, DeviceAuditEvent.Success, batchId, $"provider={provider.ProviderId} entries={entries.Count} approval={approval.Value.Id}"),
            cancellationToken);
        RepositoryLog.BatchImported(_logger, batchId, provider.ProviderId, entries.Count, approval.Value.Id);
        return new WhitelistImport(batch with { ApprovalId = approval.Value.Id }, approval.Value);
    }

    /// <summary>Approves a batch by its id (its four-eyes request); the approver must not be the importer.</summary>
    public async Task<Result<WhitelistBatchRecord>> ApproveAsync(string? batchId, string principal, CancellationToken cancellationToken)
    {
        var batch = await GetAsync(batchId, cancellationToken);
        if (!batch.IsSuccess)
        {
            return batch.Error;
        }

        if (batch.Value.ApprovalId is not { } approvalId)
        {
            return DeviceRepositoryErrors.ApprovalNotFound;
        }

        var decided = await _approvals.ApproveAsync(approvalId, principal, cancellationToken);
        return decided.IsSuccess ? await GetAsync(batchId, cancellationToken) : decided.Error;
    }

    /// <summary>Rejects a batch by its id; nothing enters the registry.</summary>
    public async Task<Result<WhitelistBatchRecord>> RejectAsync(string? batchId, string principal, string? reason, CancellationToken cancellationToken)
    {
        var batch = await GetAsync(batchId, cancellationToken);
        if (!batch.IsSuccess)
        {
            return batch.Error;
        }

        if (batch.Value.ApprovalId is not { } approvalId)
        {
            return DeviceRepositoryErrors.ApprovalNotFound;
        }

        var decided = await _approvals.RejectAsync(approvalId, principal, reason, cancellationToken);
        return decided.IsSuccess ? await GetAsync(batchId, cancellationToken) : decided.Error;
    }

    /// <summary>The batch with this id.</summary>
    public async Task<Result<WhitelistBatchRecord>> GetAsync(string? batchId, CancellationToken cancellationToken)
    {
        if (!RepositoryPatterns.IsIdentifier(batchId, 64))
        {
            return DeviceRepositoryErrors.InvalidRequest.Format("batchId");
        }

        return await _store.GetBatchAsync(batchId!, cancellationToken) is { } batch ? batch : DeviceRepositoryErrors.BatchNotFound;
    }

    /// <summary>The entries of a batch, in serial order.</summary>
    public async Task<Result<IReadOnlyList<WhitelistEntry>>> ListEntriesAsync(string? batchId, CancellationToken cancellationToken)
    {
        var batch = await GetAsync(batchId, cancellationToken);
        return batch.IsSuccess ? (await _store.ListEntriesAsync(batch.Value.BatchId, cancellationToken)).ToList() : batch.Error;
    }

    /// <summary>Batches, newest first, optionally only in one state.</summary>
    public async Task<IReadOnlyList<WhitelistBatchRecord>> ListAsync(WhitelistBatchState? state, int limit, CancellationToken cancellationToken) =>
        await _store.ListBatchesAsync(state, Math.Clamp(limit, 1, 1000), cancellationToken);

    private async Task<(CheckedBatch? Batch, Refusal? Refusal)> CheckAsync(string? batchFile, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(batchFile))
        {
            return (null, new Refusal(null, DeviceRepositoryErrors.InvalidRequest.Format("batch")));
        }

        if (Encoding.UTF8.GetByteCount(batchFile) > _options.MaxBatchBytes)
        {
            return (null, new Refusal(null, DeviceRepositoryErrors.BatchTooLarge));
        }

        var read = WhitelistBatchReader.Read(batchFile);
        if (!read.IsSuccess)
        {
            return (null, new Refusal(null, read.Error));
        }

        var verified = read.Value;
        var keep = false;
        try
        {
            var payload = verified.Payload;
            if (!RepositoryPatterns.IsIdentifier(payload.BatchId, 64))
            {
                return (null, new Refusal(null, DeviceRepositoryErrors.BatchMalformed.Format("batchId")));
            }

            if (payload.Entries.Count == 0)
            {
                return (null, new Refusal(payload.BatchId, DeviceRepositoryErrors.BatchMalformed.Format("entries")));
            }

            if (payload.Entries.Count > _options.MaxBatchEntries)
            {
                return (null, new Refusal(payload.BatchId, DeviceRepositoryErrors.BatchTooLarge));
            }

            var provider = RepositoryPatterns.IsIdentifier(payload.ProviderId, ProviderService.MaxProviderIdLength)
                ? await _providers.GetProviderAsync(payload.ProviderId, cancellationToken)
                : null;
            if (provider is not { IsActive: true, Kind: DeviceProviderKind.Device })
            {
                return (null, new Refusal(payload.BatchId, DeviceRepositoryErrors.ProviderNotFound));
            }

            if (await FactoryTrustProblemAsync(verified.FactoryCertificate, provider, cancellationToken) is { } problem)
            {
                RepositoryLog.BatchSignatureDetail(_logger, problem);
                return (null, new Refusal(payload.BatchId, DeviceRepositoryErrors.BatchSignatureInvalid));
            }

            var entries = await CheckEntriesAsync(payload, provider, cancellationToken);
            if (!entries.IsSuccess)
            {
                return (null, new Refusal(payload.BatchId, entries.Error));
            }

            keep = true;
            return (new CheckedBatch(verified, provider, entries.Value), null);
        }
        finally
        {
            if (!keep)
            {
                verified.FactoryCertificate.Dispose();
            }
        }
    }

    /// <summary>Why the factory certificate does not speak for <paramref name="provider"/>, or null when it does.</summary>
    private async Task<string?> FactoryTrustProblemAsync(X509Certificate2 factory, DeviceProviderRecord provider, CancellationToken cancellationToken)
    {
        // A factory key signs data; a CA certificate in x5c would let any CA key of the domain sign batches.
        if (factory.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority))
        {
            return "factory certificate is a CA";
        }

        if (factory.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is { } usage && !usage.KeyUsages.HasFlag(X509KeyUsageFlags.DigitalSignature))
        {
            return "factory certificate without digitalSignature";
        }

        // The trust store holds every provider's CA in DEVICE: the organisation binds the certificate to this provider.
        if (!string.Equals(Organization(factory.SubjectName), provider.OrganizationName, StringComparison.Ordinal))
        {
            return "factory certificate organisation is not the provider's";
        }

        var (trusted, reason) = await _trust.EvaluateAsync(factory, DeviceProviderKinds.DeviceDomain, cancellationToken);
        return trusted ? null : "no trust path in DEVICE: " + reason;
    }

    private async Task<Result<IReadOnlyList<WhitelistEntry>>> CheckEntriesAsync(WhitelistBatchFile payload, DeviceProviderRecord provider, CancellationToken cancellationToken)
    {
        var entries = new List<WhitelistEntry>(payload.Entries.Count);
        var serials = new HashSet<string>(StringComparer.Ordinal);
        var models = new Dictionary<(string, string), DeviceModelRecord?>();
        for (var i = 0; i < payload.Entries.Count; i++)
        {
            var entry = WhitelistEntryRules.Check(payload.Entries[i], i);
            if (!entry.IsSuccess)
            {
                return entry.Error;
            }

            var value = entry.Value;
            if (!serials.Add(value.SerialNo))
            {
                return DeviceRepositoryErrors.BatchDuplicateSerial.Format(value.SerialNo);
            }

            if (!models.TryGetValue((value.Make, value.Model), out var model))
            {
                model = await _models.FindModelAsync(provider.ProviderId, value.Make, value.Model, cancellationToken);
                models[(value.Make, value.Model)] = model;
            }

            if (model is not { IsActive: true } || model.DeviceTypeCode != value.Type || model.DeviceSubTypeCode != value.DeviceSubType)
            {
                return DeviceRepositoryErrors.BatchModelNotApproved.Format($"entries[{i}]");
            }

            entries.Add(value);
        }

        // A registered serial comes back only from Quarantined or Deregistered (fresh provisioning), never twice at once.
        var refused = (await _store.DescribeKnownSerialsAsync([.. serials], cancellationToken))
            .Where(k => k.InPendingBatch || k.RegisteredState is not { } state || !WhitelistReadmission.CanReadmit(state))
            .Select(k => k.SerialNo)
            .ToList();
        if (refused.Count > 0)
        {
            return DeviceRepositoryErrors.BatchDuplicateSerial.Format(refused.Min(StringComparer.Ordinal)!);
        }

        return entries;
    }

    private static string? Organization(X500DistinguishedName name)
    {
        foreach (var rdn in name.EnumerateRelativeDistinguishedNames())
        {
            if (rdn.GetSingleElementType().Value == "2.5.4.10")
            {
                return rdn.GetSingleElementValue();
            }
        }

        return null;
    }

    /// <summary>Marks a batch whose approval request could not be opened Failed, so its serials are free again.</summary>
    /// <remarks>Not cancellable: it runs after the import was cancelled or failed, to undo its first half.</remarks>
    private Task AbandonAsync(string batchId, string principal) =>
        _store.TryDecideBatchAsync(batchId, WhitelistBatchState.Failed, principal, _time.GetUtcNow(), CancellationToken.None);

    private async Task<KavachError> RefuseAsync(DateTimeOffset now, string principal, string? batchId, KavachError error, CancellationToken cancellationToken)
    {
        await _audit.RecordAsync(new DeviceAuditEvent(now, ImportOperation, principal, error.Code, batchId), cancellationToken);
        RepositoryLog.BatchRefused(_logger, batchId ?? "-", error.Code);
        return error;
    }

    /// <summary>A batch that passed every check of import.</summary>
    private sealed record CheckedBatch(VerifiedBatch Batch, DeviceProviderRecord Provider, IReadOnlyList<WhitelistEntry> Entries);

    /// <summary>Why a batch was refused, and which batch id it claimed (for the audit), when it got that far.</summary>
    private sealed record Refusal(string? Subject, KavachError Error);
}
