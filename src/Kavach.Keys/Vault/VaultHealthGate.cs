namespace Kavach.Keys.Vault;

/// <summary>
/// Whether key material that came out of the vault (unwrapped base keys, Ed25519 keys in the private-key cache) may be
/// used. Closed as soon as the vault reports itself unavailable — a failing vault call, the readiness probe, the
/// periodic vault monitor — and opened again only by a probe that finds the vault ready. Pulling the HSM therefore
/// stops every private-key operation, cached or not: the operator's kill switch. Checking it is one volatile read.
/// </summary>
public sealed class VaultHealthGate
{
    private volatile string? _closedBecause;

    /// <summary>Raised (on the thread that closed it) when the gate goes from open to closed.</summary>
    public event Action? Closed;

    /// <summary>
    /// Raised when a failing vault call closed the gate (not a probe): the vault should be asked at once, so a passing
    /// fault (every session busy for a moment) reopens it within one probe.
    /// </summary>
    public event Action? ProbeRequested;

    /// <summary>True while the vault is believed usable.</summary>
    public bool IsOpen => _closedBecause is null;

    /// <summary>Why the gate is closed (no secrets), or null while it is open.</summary>
    public string? Reason => _closedBecause;

    /// <summary>Throws <see cref="KeyVaultUnavailableException"/> while the gate is closed.</summary>
    /// <exception cref="KeyVaultUnavailableException">The vault was last seen unavailable.</exception>
    public void ThrowIfClosed()
    {
        if (_closedBecause is { } reason)
        {
            throw new KeyVaultUnavailableException($"The key vault is unavailable ({reason}); keys taken from it are not used until it is back.");
        }
    }

    /// <summary>
    /// Closes the gate because a vault call failed; closing an open gate raises <see cref="Closed"/> and
    /// <see cref="ProbeRequested"/>, closing a closed one changes nothing.
    /// </summary>
    public void Close(string reason)
    {
        if (CloseOnce(reason))
        {
            ProbeRequested?.Invoke();
        }
    }

    /// <summary>Applies a probe of the vault: open when it is ready, closed (with its description) when not.</summary>
    public void Report(VaultStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.IsReady)
        {
            _closedBecause = null;
        }
        else if (_closedBecause is null)
        {
            CloseOnce(status.Description);
        }
        else
        {
            // Still down: keep the latest reason.
            _closedBecause = status.Description;
        }
    }

    private bool CloseOnce(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (Interlocked.CompareExchange(ref _closedBecause, reason, null) is not null)
        {
            return false;
        }

        Closed?.Invoke();
        return true;
    }
}
