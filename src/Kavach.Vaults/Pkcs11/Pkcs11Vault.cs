using Kavach.Keys.Vault;
using Kavach.Vaults.Pkcs11;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Net.Pkcs11Interop.Common;
using Polly;

namespace Kavach.Vaults;

/// <summary>
/// The HSM key vault: key pairs and AES keys generated and used inside a PKCS#11 token (SoftHSM2 or a hardware
/// security module), through the Pkcs11Interop binding of the PKCS#11 C API.
/// </summary>
/// <remarks>
/// <para>Private and secret keys are created with <c>CKA_TOKEN</c>, <c>CKA_PRIVATE</c>, <c>CKA_SENSITIVE</c> and
/// <c>CKA_EXTRACTABLE = false</c>: they never leave the token. Signing and RSA-OAEP unwrapping run in the token; if the
/// token lacks OAEP with SHA-256, the token does raw RSA and the padding is removed in software (as MOSIP does).</para>
/// <para>Operations take a session from a bounded pool and a key handle from a per-alias cache, so the hot paths
/// (<see cref="SignData"/>, <see cref="DecryptOaepSha256"/>) make two library calls and no object search.</para>
/// <para>The vault connects lazily: <see cref="Open"/> checks the configuration only, and the first call (or readiness
/// check) loads the library, finds the token and logs in. When the token or library fails, the failing call throws
/// <see cref="KeyVaultUnavailableException"/> and the next call re-initialises the library, finds the token again and
/// logs in again; while it stays away a circuit breaker holds further attempts off with exponential back-off, and
/// calls fail at once. "No such key" is only ever answered by a token that passes a health check.</para>
/// </remarks>
public sealed partial class Pkcs11Vault : IKeyVault
{
    private readonly Pkcs11VaultOptions _options;
    private readonly Pkcs11Module _module;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    // Serialises (re)connection attempts; may be held while re-initialising the library (which takes the gate for
    // writing), so it is never taken by a thread holding the gate for reading.
    private readonly Lock _connectLock = new();

    // Guards the connection state below; held only briefly, and may be taken while holding the gate for reading.
    private readonly Lock _stateLock = new();
    private volatile Pkcs11Connection? _connection;
    private bool _resetModule;
    private int _failedGeneration;
    private int _failures;
    private int _attempts;
    private string _unavailableReason = "The PKCS#11 vault is not connected.";
    private readonly ResiliencePipeline _reconnect;

    private volatile bool _disposed;
    private volatile OaepSupport _oaep;
    private int _oaepLogged;

    private Pkcs11Vault(Pkcs11VaultOptions options, Pkcs11Module module, TimeProvider time, ILogger logger)
    {
        _options = options;
        _module = module;
        _time = time;
        _logger = logger;
        _reconnect = ReconnectPipeline();
    }

    private enum OaepSupport
    {
        Unknown,
        InToken,
        InSoftware,
    }

    /// <inheritdoc />
    public string Kind => "PKCS11";

    /// <summary>True once the vault found that the token lacks RSA-OAEP with SHA-256 and decodes OAEP in software.</summary>
    public bool DecodesOaepInSoftware => _oaep == OaepSupport.InSoftware;

    /// <summary>
    /// Checks the configuration and returns a vault that connects on first use: the token need not be reachable now.
    /// Until it connects, calls throw <see cref="KeyVaultUnavailableException"/> and <see cref="GetStatusAsync"/>
    /// reports not-ready with the reason; it keeps trying by itself, with back-off.
    /// </summary>
    /// <exception cref="VaultConfigurationException">A configuration error no retry fixes, naming the option: the
    /// library is missing, not loadable or not PKCS#11; the token label is empty or too long; not exactly one PIN
    /// source; the PIN file is missing, unreadable, open to group or others (mode must be 0600 or stricter) or empty;
    /// the PIN variable is unset; <see cref="Pkcs11VaultOptions.MaxSessions"/> is below 2. The message holds no PIN.</exception>
    public static Pkcs11Vault Open(Pkcs11VaultOptions options, TimeProvider time, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        Pkcs11LibraryCheck.Check(options.Library);

        // The PIN is read (and wiped) once now only to check its source; it is read again at every connection.
        using (Pkcs11Pin.Read(options))
        {
        }

        var logger = (loggers ?? NullLoggerFactory.Instance).CreateLogger<Pkcs11Vault>();
        return new Pkcs11Vault(options, Pkcs11Module.Acquire(options.Library), time, logger);
    }

    /// <inheritdoc />
    public Task<VaultStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(GetStatus());
    }

    /// <summary>Closes the vault's sessions once running operations finish; the last vault on the library finalises it.</summary>
    public void Dispose()
    {
        lock (_connectLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Pkcs11Connection? connection;
            lock (_stateLock)
            {
                connection = _connection;
                _connection = null;
            }

            if (connection is not null)
            {
                _module.Gate.EnterWriteLock();
                try
                {
                    if (connection.Generation == _module.Generation)
                    {
                        connection.Close();
                    }
                    else
                    {
                        connection.Abandon();
                    }
                }
                finally
                {
                    _module.Gate.ExitWriteLock();
                }
            }

            _module.Release();
        }
    }

    private VaultStatus GetStatus()
    {
        if (_disposed)
        {
            return new VaultStatus(false, "The PKCS#11 vault has been closed.");
        }

        try
        {
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var connection = EnsureConnected();
                if (!_module.Gate.TryEnterReadLock(_options.SessionWaitTimeout))
                {
                    return new VaultStatus(false, "The PKCS#11 library is being re-initialised.");
                }

                try
                {
                    if (connection.Generation != _module.Generation)
                    {
                        continue;
                    }

                    connection.CheckHealth();
                }
                catch (Pkcs11Exception e)
                {
                    var reason = Reason(e);
                    MarkBroken(connection, reason);
                    return new VaultStatus(false, reason);
                }
                finally
                {
                    _module.Gate.ExitReadLock();
                }

                var oaep = _oaep switch
                {
                    OaepSupport.InToken => "RSA-OAEP-SHA256 in the token",
                    OaepSupport.InSoftware => "RSA-OAEP-SHA256 decoded in software over raw RSA in the token",
                    _ => "RSA-OAEP-SHA256 support not probed yet",
                };
                return new VaultStatus(true, $"PKCS#11 token ready ({oaep}).");
            }

            return new VaultStatus(false, "The PKCS#11 vault is reconnecting.");
        }
        catch (KeyVaultUnavailableException e)
        {
            return new VaultStatus(false, e.Message);
        }
        catch (ObjectDisposedException)
        {
            return new VaultStatus(false, "The PKCS#11 vault has been closed.");
        }
    }

    /// <summary>Words for a failure that may reach a log, an exception or the readiness report: no PIN, path or key.</summary>
    private static string Reason(Exception exception) => exception switch
    {
        Pkcs11Exception { RV: CKR.CKR_TOKEN_NOT_PRESENT } => "The PKCS#11 token is not present.",
        Pkcs11Exception e when e.IsPinRefused() =>
            $"The PKCS#11 token refused the PIN ({e.Describe()}); the vault does not log in with a refused PIN again, fix the PIN.",
        Pkcs11Exception e => $"The PKCS#11 token or library failed ({e.Method}: {e.Describe()}).",
        KeyVaultUnavailableException e => e.Message,
        VaultConfigurationException e => "The PKCS#11 vault's configuration no longer works: " + e.Message,
        DllNotFoundException or BadImageFormatException => "The PKCS#11 library cannot be loaded.",
        _ => "The PKCS#11 vault failed.",
    };
}
