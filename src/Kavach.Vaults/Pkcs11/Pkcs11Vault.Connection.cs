using System.Security.Cryptography;
using Kavach.Keys.Vault;
using Kavach.Vaults.Pkcs11;
using Net.Pkcs11Interop.Common;
using Polly;
using Polly.CircuitBreaker;

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

    /// <summary>How many connection attempts reached the library (tests watch the back-off with it).</summary>
    internal int ConnectionAttempts => Volatile.Read(ref _attempts);

    /// <summary>
    /// The back-off between connection attempts while the token stays away: a circuit breaker on the vault's clock.
    /// It opens once every attempt in the window failed (at least two: the first retry after a failure is immediate
    /// and re-initialises the library, or one after a recent success), then lets one attempt through per break,
    /// 250 ms doubling up to <see cref="Pkcs11VaultOptions.MaxReconnectDelay"/>; calls in between fail at once
    /// without touching the library. A successful attempt closes it.
    /// </summary>
    private ResiliencePipeline ReconnectPipeline() => new ResiliencePipelineBuilder { TimeProvider = _time }
        .AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            FailureRatio = 0.5,
            MinimumThroughput = 2,
            SamplingDuration = TimeSpan.FromSeconds(30),
            ShouldHandle = new PredicateBuilder().Handle<KeyVaultUnavailableException>(),
            BreakDurationGenerator = arguments => ValueTask.FromResult(BackOff(arguments.HalfOpenAttempts)),
            OnOpened = arguments =>
            {
                Pkcs11Log.BackingOff(_logger, _options.TokenLabel, arguments.BreakDuration.TotalSeconds);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    private TimeSpan BackOff(int halfOpenAttempts)
    {
        var doubling = FirstRetryDelay * Math.Pow(2, Math.Min(halfOpenAttempts, 16));
        return doubling < _options.MaxReconnectDelay ? doubling : _options.MaxReconnectDelay;
    }

    /// <summary>The live connection, connecting first if there is none (when the back-off lets an attempt through).</summary>
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
                    // broken, so connect again without another reset.
                    _connection = null;
                    connection.Abandon();
                    resetModule = false;
                }
                else
                {
                    resetModule = _resetModule;
                }
            }

            try
            {
                return _reconnect.Execute(() => Connect(resetModule));
            }
            catch (BrokenCircuitException)
            {
                // Within the back-off: no library call, the last reason.
                throw new KeyVaultUnavailableException(_unavailableReason);
            }
        }
    }

    /// <summary>One connection attempt (after re-initialising the library if asked); on failure records the reason. Caller holds <see cref="_connectLock"/>.</summary>
    private Pkcs11Connection Connect(bool resetModule)
    {
        Interlocked.Increment(ref _attempts);
        try
        {
            Pkcs11Connection connection;
            try
            {
                connection = Login(resetModule);
            }
            catch (Pkcs11Exception e) when (e.RV == CKR.CKR_TOKEN_NOT_PRESENT && !resetModule)
            {
                // A token made after this process initialised the library (softhsm2-util, a token inserted later)
                // only shows in a fresh library state.
                _failedGeneration = _module.Generation;
                connection = Login(resetModule: true);
                resetModule = true;
            }

            int failures;
            lock (_stateLock)
            {
                _connection = connection;
                failures = _failures;
                _failures = 0;
                _resetModule = false;
            }

            if (failures > 0)
            {
                Pkcs11Log.Recovered(_logger, _options.TokenLabel, failures + 1);
            }

            return connection;
        }
        catch (Exception e) when (e is Pkcs11Exception or KeyVaultUnavailableException or VaultConfigurationException or DllNotFoundException or BadImageFormatException)
        {
            var reason = Reason(e);
            int failures;
            lock (_stateLock)
            {
                failures = ++_failures;
                _resetModule = true;
                _failedGeneration = _module.Generation;
                _unavailableReason = reason;
            }

            Pkcs11Log.ReconnectFailed(_logger, _options.TokenLabel, failures, reason);
            throw e as KeyVaultUnavailableException ?? new KeyVaultUnavailableException(reason, e);
        }
    }

    /// <summary>Reads the PIN, (re-)initialises the library, finds the token and logs in. Caller holds <see cref="_connectLock"/>.</summary>
    private Pkcs11Connection Login(bool resetModule)
    {
        // The PIN first: a refused one stops here, before the library is touched.
        using var pin = Pkcs11Pin.Read(_options);
        if (PinRefusals.IsRefused(_module.Path, _options.TokenLabel, pin.Bytes))
        {
            throw new KeyVaultUnavailableException(
                "The PKCS#11 token refused this PIN before; the vault will not try it again (an HSM locks the user after a few wrong PINs). Fix the PIN.");
        }

        _module.Initialize(resetModule, _failedGeneration);
        if (!_module.Gate.TryEnterReadLock(_options.SessionWaitTimeout))
        {
            throw new KeyVaultUnavailableException("The PKCS#11 library is being re-initialised.");
        }

        try
        {
            var library = _module.Library ?? throw new KeyVaultUnavailableException("The PKCS#11 library is being re-initialised.");
            Pkcs11Connection? connection = null;
            pin.Use(bytes => connection = Pkcs11Connection.Open(_module, library, _options.TokenLabel, bytes, _options.MaxSessions));
            PinRefusals.Forget(_module.Path, _options.TokenLabel);
            Pkcs11Log.Connected(_logger, _options.TokenLabel, connection!.Slot.SlotId, connection.MaxSessions);
            return connection;
        }
        catch (Pkcs11Exception e) when (e.IsPinRefused())
        {
            PinRefusals.Remember(_module.Path, _options.TokenLabel, pin.Bytes);
            Pkcs11Log.PinRefused(_logger, _options.TokenLabel, e.Describe());
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
        if (error.IsConnectionFault() || error.IsPinRefused() || error.IsStaleHandle())
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
            Pkcs11Log.OperationFailed(_logger, operation, alias ?? "-", error.Describe());
            return decrypting
                ? OaepSha256Decoder.Failure()
                : new KeyVaultUnavailableException($"The PKCS#11 token failed {operation} ({error.Describe()}).", error);
        }

        if (error.IsBadInput())
        {
            return OaepSha256Decoder.Failure();
        }

        if (error.IsUnsupported())
        {
            return new NotSupportedException($"The PKCS#11 token does not support {operation} as Kavach asks for it ({error.Describe()}).", error);
        }

        return new InvalidOperationException($"The PKCS#11 token refused {operation} ({error.Describe()}).", error);
    }
}
