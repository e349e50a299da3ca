using System.Security.Cryptography;
using Kavach.Vaults.Pkcs11;
using Kavach.Vaults.Pkcs11.Interop;
using Kavach.Keys.Vault;

namespace Kavach.Vaults;

/// <content>Connecting, leasing sessions, telling token failures from operation failures, and reconnecting.</content>
public sealed partial class Pkcs11Vault
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>A session of a live connection, with the library gate held for reading; dispose it on the same thread.</summary>
    /// <exception cref="KeyVaultUnavailableException">No connection can be had now.</exception>
    private TokenLease Lease()
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var connection = EnsureConnected();
            if (!_module.Gate.TryEnterReadLock(_options.SessionWaitTimeout))
            {
                throw new KeyVaultUnavailableException("The PKCS#11 library is being re-initialised.");
            }

            // Another vault on this library may have re-initialised it between the two lines above.
            if (connection.Generation == _module.Generation && !_disposed)
            {
                try
                {
                    return new TokenLease(_module, connection, connection.Rent(_options.SessionWaitTimeout));
                }
                catch (Pkcs11Exception e)
                {
                    var failure = Fail(connection, e, "C_OpenSession", null);
                    _module.Gate.ExitReadLock();
                    throw failure;
                }
                catch
                {
                    _module.Gate.ExitReadLock();
                    throw;
                }
            }

            _module.Gate.ExitReadLock();
        }

        throw new KeyVaultUnavailableException("The PKCS#11 library keeps being re-initialised.");
    }

    /// <summary>The live connection, reconnecting first if there is none (at most once per back-off period).</summary>
    private Pkcs11Connection EnsureConnected()
    {
        var connection = _connection;
        if (connection is not null && connection.Generation == _module.Generation)
        {
            return connection;
        }

        lock (_connectLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            bool resetModule;
            lock (_stateLock)
            {
                connection = _connection;
                if (connection is not null)
                {
                    if (connection.Generation == _module.Generation)
                    {
                        return connection;
                    }

                    // Another vault re-initialised the shared library: our sessions went with the old state, nothing is
                    // broken, so connect again at once without another reset.
                    _connection = null;
                    connection.Abandon();
                    resetModule = false;
                }
                else if (_time.GetTimestamp() < _retryAt)
                {
                    throw new KeyVaultUnavailableException(_unavailableReason);
                }
                else
                {
                    resetModule = _resetModule;
                }
            }

            return Reconnect(resetModule);
        }
    }

    /// <summary>First connection, from <see cref="Open"/>.</summary>
    private void ConnectAtOpen()
    {
        lock (_connectLock)
        {
            try
            {
                try
                {
                    _connection = Connect(resetModule: false);
                }
                catch (Pkcs11Exception e) when (e.Result == CkResult.TokenNotPresent)
                {
                    // A token made after this process initialised the library (softhsm2-util, a token inserted later)
                    // only shows in a fresh library state.
                    _failedGeneration = _module.Generation;
                    _connection = Connect(resetModule: true);
                }
            }
            catch (Pkcs11Exception e)
            {
                throw new KeyVaultUnavailableException(Reason(e), e);
            }
        }
    }

    /// <summary>Connects (after re-initialising the library if asked); on failure arms the back-off. Caller holds <see cref="_connectLock"/>.</summary>
    private Pkcs11Connection Reconnect(bool resetModule)
    {
        try
        {
            var connection = Connect(resetModule);
            int failures;
            lock (_stateLock)
            {
                _connection = connection;
                failures = _failures;
                _failures = 0;
                _resetModule = false;
                _retryAt = 0;
            }

            if (failures > 0 || resetModule)
            {
                Pkcs11Log.Recovered(_logger, _options.TokenLabel, failures + 1);
            }

            return connection;
        }
        catch (Exception e) when (e is Pkcs11Exception or KeyVaultUnavailableException)
        {
            var reason = Reason(e);
            TimeSpan delay;
            int failures;
            lock (_stateLock)
            {
                failures = ++_failures;
                var doubling = FirstRetryDelay * Math.Pow(2, Math.Min(failures - 1, 16));
                delay = doubling < _options.MaxReconnectDelay ? doubling : _options.MaxReconnectDelay;
                _resetModule = true;
                _failedGeneration = _module.Generation;
                _retryAt = _time.GetTimestamp() + (long)(delay.TotalSeconds * _time.TimestampFrequency);
                _unavailableReason = reason;
            }

            Pkcs11Log.ReconnectFailed(_logger, _options.TokenLabel, failures, reason, delay.TotalSeconds);
            throw e as KeyVaultUnavailableException ?? new KeyVaultUnavailableException(reason, e);
        }
    }

    /// <summary>Reads the PIN, optionally re-initialises the library, finds the token and logs in. Caller holds <see cref="_connectLock"/>.</summary>
    private Pkcs11Connection Connect(bool resetModule)
    {
        if (resetModule)
        {
            _module.Reinitialize(_failedGeneration);
        }

        using var pin = Pkcs11Pin.Read(_options);
        if (PinRefusals.IsRefused(_module.Library, _options.TokenLabel, pin.Bytes))
        {
            throw new KeyVaultUnavailableException(
                "The PKCS#11 token refused this PIN before; the vault will not try it again (an HSM locks the user after a few wrong PINs). Fix the PIN.");
        }

        if (!_module.Gate.TryEnterReadLock(_options.SessionWaitTimeout))
        {
            throw new KeyVaultUnavailableException("The PKCS#11 library is being re-initialised.");
        }

        try
        {
            var connection = Pkcs11Connection.Open(_module, _options.TokenLabel, pin.Bytes, _options.MaxSessions);
            PinRefusals.Forget(_module.Library, _options.TokenLabel);
            Pkcs11Log.Connected(_logger, _options.TokenLabel, connection.Slot, connection.MaxSessions);
            return connection;
        }
        catch (Pkcs11Exception e) when (e.IsPinRefused)
        {
            PinRefusals.Remember(_module.Library, _options.TokenLabel, pin.Bytes);
            Pkcs11Log.PinRefused(_logger, _options.TokenLabel, Pkcs11Exception.Describe(e.Result));
            throw;
        }
        finally
        {
            _module.Gate.ExitReadLock();
        }
    }

    /// <summary>Drops <paramref name="connection"/> if it is still current, so the next call reconnects on a fresh library state.</summary>
    private void MarkBroken(Pkcs11Connection connection, string reason)
    {
        lock (_stateLock)
        {
            if (!ReferenceEquals(_connection, connection))
            {
                return;
            }

            _connection = null;
            connection.Abandon();
            _resetModule = true;
            _failedGeneration = connection.Generation;
            _failures = 0;
            _retryAt = 0;
            _unavailableReason = reason;
        }

        Pkcs11Log.Lost(_logger, _options.TokenLabel, reason);
    }

    /// <summary>
    /// Turns a library error into what the caller should see. A failing token or library (told apart from a failing
    /// operation by a health check) drops the connection and becomes <see cref="KeyVaultUnavailableException"/>; bad
    /// input becomes the one generic <see cref="CryptographicException"/>. Caller holds the gate for reading.
    /// </summary>
    private Exception Fail(Pkcs11Connection connection, Pkcs11Exception error, string operation, string? alias, TokenLease? lease = null, bool decrypting = false)
    {
        if (error.IsConnectionFault || error.IsPinRefused || error.IsStaleHandle)
        {
            lease?.Discard();
            try
            {
                connection.CheckHealth();
            }
            catch (Pkcs11Exception health)
            {
                var reason = Reason(health);
                MarkBroken(connection, reason);
                return new KeyVaultUnavailableException(reason, error);
            }

            // The token answers: this operation failed, not the token. No reset, so a request cannot make us churn.
            // A decryption a healthy token fails is a ciphertext that does not decrypt, said the one generic way:
            // tokens that answer bad padding with a device error must not become a padding oracle (503 versus error).
            Pkcs11Log.OperationFailed(_logger, operation, alias ?? "-", Pkcs11Exception.Describe(error.Result));
            return decrypting
                ? OaepSha256Decoder.Failure()
                : new KeyVaultUnavailableException($"The PKCS#11 token failed {operation} ({Pkcs11Exception.Describe(error.Result)}).", error);
        }

        if (error.IsBadInput)
        {
            return OaepSha256Decoder.Failure();
        }

        if (error.IsUnsupported)
        {
            return new NotSupportedException($"The PKCS#11 token does not support {operation} as Kavach asks for it ({Pkcs11Exception.Describe(error.Result)}).", error);
        }

        return new InvalidOperationException($"The PKCS#11 token refused {operation} ({Pkcs11Exception.Describe(error.Result)}).", error);
    }
}
