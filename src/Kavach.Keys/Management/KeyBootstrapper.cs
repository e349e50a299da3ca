using Kavach.Keys.Errors;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Storage;

namespace Kavach.Keys.Management;

/// <summary>
/// Creates ROOT and the module keys of every key policy (BASE, a rotation setting, excepted) plus KERNEL/SIGN,
/// idempotently. The server runs it at start-up; existing current keys are left alone, expired ones rotated.
/// </summary>
public sealed class KeyBootstrapper
{
    private readonly KeyRing _ring;
    private readonly IKeyStore _store;
    private readonly KeyManagerOptions _options;
    private readonly KeyLifecycleService _lifecycle;

    /// <summary>Creates the bootstrapper.</summary>
    public KeyBootstrapper(KeyRing ring, IKeyStore store, KeyManagerOptions options, KeyLifecycleService lifecycle)
    {
        _ring = ring;
        _store = store;
        _options = options;
        _lifecycle = lifecycle;
    }

    /// <summary>The (appId, refId) pairs made at start-up, ROOT first.</summary>
    public async Task<IReadOnlyList<(string AppId, string RefId)>> PlanAsync(CancellationToken cancellationToken)
    {
        var plan = new List<(string, string)> { (KeyIds.Root, string.Empty) };
        foreach (var policy in (await _store.GetPoliciesAsync(cancellationToken)).Where(p => p.IsActive).OrderBy(p => p.AppId, StringComparer.Ordinal))
        {
            if (policy.AppId is not KeyIds.Root and not KeyIds.Base)
            {
                plan.Add((policy.AppId, string.Empty));
            }
        }

        foreach (var entry in _options.StartupKeys)
        {
            var parts = entry.Split(':', 2, StringSplitOptions.TrimEntries);
            var pair = (parts[0], parts.Length > 1 ? parts[1] : string.Empty);
            if (!plan.Contains(pair))
            {
                plan.Add(pair);
            }
        }

        return plan;
    }

    /// <summary>
    /// Makes every planned key that has no current key (with <paramref name="force"/>, replaces every one), then the
    /// symmetric start-up keys (the ZK master key, created when missing and never force-rotated); returns the result per pair. <paramref name="progress"/> hears
    /// about each pair as it is done.
    /// </summary>
    public async Task<IReadOnlyList<(string AppId, string RefId, KavachError? Error)>> RunAsync(
        bool force, IProgress<(string AppId, string RefId)>? progress, CancellationToken cancellationToken)
    {
        var results = new List<(string, string, KavachError?)>();
        foreach (var (appId, refId) in await PlanAsync(cancellationToken))
        {
            var key = await _ring.Generator.GenerateAsync(appId, refId, Certificates.SubjectRequest.Empty, force, cancellationToken);
            results.Add((appId, refId, key.Error));
            progress?.Report((appId, refId));
        }

        foreach (var entry in _options.SymmetricStartupKeys)
        {
            var parts = entry.Split(':', 2, StringSplitOptions.TrimEntries);
            // Never forced: the ZK pool is wrapped under this key, and a new one would make every pool key unreadable.
            var result = await _lifecycle.GenerateSymmetricKeyAsync(parts[0], parts.Length > 1 ? parts[1] : string.Empty, force: false, cancellationToken);
            results.Add((parts[0], parts.Length > 1 ? parts[1] : string.Empty, result.Error));
            progress?.Report((parts[0], parts.Length > 1 ? parts[1] : string.Empty));
        }

        return results;
    }
}
