using Kavach.Vaults.Pkcs11;
using Kavach.Vaults.Pkcs11.Interop;
using Kavach.Keys.Vault;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.Vaults;

/// <summary>
/// The HSM key vault: key pairs and AES keys generated and used inside a PKCS#11 token (SoftHSM2 or a hardware
/// security module), through Kavach's own binding of the PKCS#11 v2.40 C API.
/// </summary>
/// <remarks>
/// <para>Private and secret keys are created with <c>CKA_TOKEN</c>, <c>CKA_PRIVATE</c>, <c>CKA_SENSITIVE</c> and
/// <c>CKA_EXTRACTABLE = false</c>: they never leave the token. Signing and RSA-OAEP unwrapping run in the token; if the
/// token lacks OAEP with SHA-256, the token does raw RSA and the padding is removed in software (as MOSIP does).</para>
/// <para>Operations take a session from a bounded pool and a key handle from a per-alias cache, so the hot paths
/// (<see cref="SignData"/>, <see cref="DecryptOaepSha256"/>) make two library calls and no object search.</para>
/// <para>When the token or library fails, the failing call throws <see cref="KeyVaultUnavailableException"/> and the
/// next call (or readiness check) re-initialises the library, finds the token again and logs in again, with back-off
/// while it stays away. "No such key" is only ever answered by a token that passes a health check.</para>
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
    private long _retryAt;
    private string _unavailableReason = "The PKCS#11 vault is not connected.";

    private volatile bool _disposed;
    private volatile OaepSupport _oaep;
    private int _oaepLogged;

    private Pkcs11Vault(Pkcs11VaultOptions options, Pkcs11Module module, TimeProvider time, ILogger logger)
    {
        _options = options;
        _module = module;
        _time = time;
        _logger = logger;
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
    /// Loads the library, finds the token by label and logs in with the PIN. Throws if that cannot be done now; the
    /// server keeps retrying <see cref="Open"/> with back-off and reports not-ready meanwhile.
    /// </summary>
    /// <exception cref="ArgumentException">The options are incomplete or contradictory.</exception>
    /// <exception cref="KeyVaultUnavailableException">The library cannot be loaded or initialised, the token is not
    /// there, or the PIN cannot be read or is refused (the message says which; it holds no PIN).</exception>
    public static Pkcs11Vault Open(Pkcs11VaultOptions options, TimeProvider time, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        var logger = (loggers ?? NullLoggerFactory.Instance).CreateLogger<Pkcs11Vault>();
        Pkcs11Module module;
        try
        {
            module = Pkcs11Module.Acquire(options.Library);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            throw new KeyVaultUnavailableException("The PKCS#11 library cannot be loaded.", e);
        }
        catch (Pkcs11Exception e) when (e.Function == "C_GetFunctionList")
        {
            throw new KeyVaultUnavailableException($"The configured library is not a usable PKCS#11 module (C_GetFunctionList: {Pkcs11Exception.Describe(e.Result)}).", e);
        }
        catch (Pkcs11Exception e)
        {
            throw new KeyVaultUnavailableException(Reason(e), e);
        }

        var vault = new Pkcs11Vault(options, module, time, logger);
        try
        {
            vault.ConnectAtOpen();
            return vault;
        }
        catch
        {
            vault.Dispose();
            throw;
        }
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
        Pkcs11Exception { Result: CkResult.TokenNotPresent } => "The PKCS#11 token is not present.",
        Pkcs11Exception { IsPinRefused: true } e =>
            $"The PKCS#11 token refused the PIN ({Pkcs11Exception.Describe(e.Result)}); the vault does not log in with a refused PIN again, fix the PIN.",
        Pkcs11Exception e => $"The PKCS#11 token or library failed ({e.Function}: {Pkcs11Exception.Describe(e.Result)}).",
        KeyVaultUnavailableException e => e.Message,
        _ => "The PKCS#11 vault failed.",
    };
}
