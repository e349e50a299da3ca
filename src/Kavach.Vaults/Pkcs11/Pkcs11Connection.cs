using System.Collections.Concurrent;
using Kavach.Keys.Vault;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Kavach.Vaults.Pkcs11;

/// <summary>
/// A vault's logged-in link to its token for one library generation: the slot, a session that holds the login, a
/// bounded pool of operation sessions, and the key handles found so far. When the token or library fails, the vault
/// drops the whole connection and builds a new one; nothing in here is repaired in place.
/// </summary>
/// <remarks>Every method that calls the library runs with the module's gate held for reading by the caller.</remarks>
internal sealed class Pkcs11Connection
{
    private readonly Pkcs11Module _module;
    private readonly string _tokenLabel;
    private readonly ISession _anchor;

    // A session serves one thread at a time; health checks from several threads share the login session.
    private readonly Lock _anchorLock = new();
    // The pool: idle sessions and the count lent out, under one monitor (waiters block until a session comes back).
    private readonly object _poolLock = new();
    private readonly Stack<ISession> _idle = new();
    private int _lent;
    private readonly ConcurrentDictionary<string, TokenKey> _keys = new(StringComparer.Ordinal);
    private long _deletions;
    private volatile bool _abandoned;

    private Pkcs11Connection(Pkcs11Module module, string tokenLabel, ISlot slot, ISession anchor, int generation, int maxSessions)
    {
        _module = module;
        _tokenLabel = tokenLabel;
        Slot = slot;
        _anchor = anchor;
        Generation = generation;
        MaxSessions = maxSessions;
    }

    /// <summary>The token's slot.</summary>
    public ISlot Slot { get; }

    /// <summary>The library generation the sessions and handles belong to.</summary>
    public int Generation { get; }

    /// <summary>The most operation sessions open at once.</summary>
    public int MaxSessions { get; }

    /// <summary>Finds the token, opens the login session and logs in.</summary>
    /// <exception cref="Pkcs11Exception">No such token (<c>CKR_TOKEN_NOT_PRESENT</c>), or the library refused.</exception>
    public static Pkcs11Connection Open(Pkcs11Module module, IPkcs11Library library, string tokenLabel, byte[] pin, int maxSessions)
    {
        var generation = module.Generation;
        var slot = TokenSlots.Find(library, tokenLabel)
            ?? throw new Pkcs11Exception("C_GetTokenInfo", CKR.CKR_TOKEN_NOT_PRESENT);
        var anchor = OpenSession(slot);
        try
        {
            // Login is per token and application, not per session: this one session keeps every other one logged in.
            try
            {
                anchor.Login(CKU.CKU_USER, pin);
            }
            catch (Pkcs11Exception e) when (e.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
            {
                // Another vault of this process on the same token logged in already.
            }

            return new Pkcs11Connection(module, tokenLabel, slot, anchor, generation, maxSessions);
        }
        catch
        {
            anchor.CloseQuietly();
            throw;
        }
    }

    /// <summary>Takes an idle session, or opens one; waits at most <paramref name="timeout"/> when all are busy.</summary>
    /// <exception cref="KeyVaultUnavailableException">Every session stayed busy.</exception>
    public ISession Rent(TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        lock (_poolLock)
        {
            while (_lent >= MaxSessions)
            {
                var remaining = deadline - Environment.TickCount64;
                if (remaining <= 0 || (!Monitor.Wait(_poolLock, TimeSpan.FromMilliseconds(remaining)) && _lent >= MaxSessions))
                {
                    throw new KeyVaultUnavailableException($"All {MaxSessions} PKCS#11 sessions stayed busy for {timeout.TotalSeconds:0} s.");
                }
            }

            _lent++;
            if (_idle.TryPop(out var session))
            {
                return session;
            }
        }

        try
        {
            return OpenSession(Slot);
        }
        catch
        {
            ReleaseSlot();
            throw;
        }
    }

    /// <summary>Gives a session back; <paramref name="discard"/> closes it instead (its state is in doubt).</summary>
    public void Return(ISession session, bool discard)
    {
        // An abandoned connection's handles may already name other sessions of a newer library state: never close them.
        if (!_abandoned && discard)
        {
            session.CloseQuietly();
        }

        lock (_poolLock)
        {
            if (!_abandoned && !discard)
            {
                _idle.Push(session);
            }

            _lent--;
            Monitor.Pulse(_poolLock);
        }
    }

    /// <summary>
    /// Throws the library's error unless the token is there, still carries its label and we are still logged in:
    /// the check behind every "no such key" answer and every readiness report.
    /// </summary>
    public void CheckHealth()
    {
        if (!string.Equals(TokenSlots.Label(Slot), _tokenLabel, StringComparison.Ordinal))
        {
            throw new Pkcs11Exception("C_GetTokenInfo", CKR.CKR_TOKEN_NOT_RECOGNIZED);
        }

        CKS state;
        lock (_anchorLock)
        {
            state = _anchor.GetSessionInfo().State;
        }

        if (state != CKS.CKS_RW_USER_FUNCTIONS)
        {
            throw new Pkcs11Exception("C_GetSessionInfo", CKR.CKR_USER_NOT_LOGGED_IN);
        }
    }

    /// <summary>A cached key handle.</summary>
    public bool TryGetKey(string alias, out TokenKey key) => _keys.TryGetValue(alias, out key!);

    /// <summary>The deletion counter to pass to <see cref="CacheKey"/> (read it before searching).</summary>
    public long DeletionMark => Interlocked.Read(ref _deletions);

    /// <summary>Caches <paramref name="key"/> unless a deletion happened since <paramref name="mark"/> (the handle may be dead).</summary>
    public void CacheKey(string alias, TokenKey key, long mark)
    {
        if (mark == DeletionMark)
        {
            _keys[alias] = key;
        }
    }

    /// <summary>Forgets the handle of <paramref name="alias"/>; call around destroying its objects.</summary>
    public void ForgetKey(string alias)
    {
        Interlocked.Increment(ref _deletions);
        _keys.TryRemove(alias, out _);
    }

    /// <summary>Forgets one cached handle the token called invalid (no deletion by us).</summary>
    public void ForgetStaleKey(string alias, TokenKey stale) => _keys.TryRemove(new KeyValuePair<string, TokenKey>(alias, stale));

    /// <summary>Marks the connection dead: sessions are dropped, never closed (see <see cref="Return"/>).</summary>
    public void Abandon()
    {
        _abandoned = true;
        _keys.Clear();
        lock (_poolLock)
        {
            _idle.Clear();
        }
    }

    /// <summary>Closes every idle session and the login session. Caller holds the gate for writing, with no operation running.</summary>
    public void Close()
    {
        _abandoned = true;
        lock (_poolLock)
        {
            while (_idle.TryPop(out var session))
            {
                session.CloseQuietly();
            }
        }

        _anchor.CloseQuietly();
        _keys.Clear();
    }

    private void ReleaseSlot()
    {
        lock (_poolLock)
        {
            _lent--;
            Monitor.Pulse(_poolLock);
        }
    }

    private static ISession OpenSession(ISlot slot) => slot.OpenSession(SessionType.ReadWrite);
}
