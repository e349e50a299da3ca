using Net.Pkcs11Interop.HighLevelAPI;

namespace Kavach.Vaults.Pkcs11;

/// <summary>
/// One operation's hold on the token: the module's gate for reading (no re-initialisation underneath) and a pooled
/// session. Disposing gives both back, on the thread that took them.
/// </summary>
internal sealed class TokenLease : IDisposable
{
    private readonly Pkcs11Module _module;
    private bool _discard;
    private bool _disposed;

    public TokenLease(Pkcs11Module module, Pkcs11Connection connection, ISession session)
    {
        _module = module;
        Connection = connection;
        Session = session;
    }

    /// <summary>The connection the session belongs to.</summary>
    public Pkcs11Connection Connection { get; }

    /// <summary>The session, for this thread only until disposed.</summary>
    public ISession Session { get; }

    /// <summary>Closes the session instead of pooling it (after a failure left its state in doubt).</summary>
    public void Discard() => _discard = true;

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            Connection.Return(Session, _discard);
        }
        finally
        {
            _module.Gate.ExitReadLock();
        }
    }
}
