using System.Security.Cryptography;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Kavach.DeviceAgent.Keys.Tpm;

/// <summary>
/// Device keys in a TPM 2.0 through PKCS#11 (tpm2-pkcs11): made, found, inspected and destroyed with Pkcs11Interop;
/// used for signing and TLS client authentication through OpenSSL's pkcs11 engine (<see cref="TpmEngine"/>).
/// Private keys are generated in the TPM as sensitive and non-extractable and never leave it.
/// </summary>
public sealed class TpmKeyStore : IDeviceKeyStore
{
    private const int ModulusBits = 2048;
    private const int IdBytes = 16;

    // One Cryptoki state per process, shared by every store and by the engine: PKCS#11 work is serialised across
    // them all, and a TPM executes one command at a time anyway.
    private static readonly SemaphoreSlim Serial = new(1, 1);

    private readonly TpmKeyStoreOptions _options;

    /// <summary>Creates a store on the token <paramref name="options"/> name; nothing is loaded until first use.</summary>
    public TpmKeyStore(TpmKeyStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <inheritdoc />
    public string Kind => "tpm";

    /// <inheritdoc />
    public bool IsHardware => true;

    /// <inheritdoc />
    /// <exception cref="TpmUnavailableException">There is no usable TPM token.</exception>
    public async Task<RSA> CreateAsync(string label, CancellationToken cancellationToken)
    {
        ValidateLabel(label);
        await Serial.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var pin = TpmPin.Read(_options.PinFile);
            using (var session = OpenSession(pin))
            {
                if (Find(session, label, null).Count > 0)
                {
                    throw new InvalidOperationException($"The TPM already holds a key labelled {label}.");
                }

                Generate(session, label);
            }

            TpmEngine.ObjectsChanged();

            return OpenWithEngine(label, pin);
        }
        finally
        {
            Serial.Release();
        }
    }

    /// <inheritdoc />
    /// <exception cref="TpmUnavailableException">There is no usable TPM token.</exception>
    public async Task<RSA?> OpenAsync(string label, CancellationToken cancellationToken)
    {
        ValidateLabel(label);
        await Serial.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var pin = TpmPin.Read(_options.PinFile);
            using (var session = OpenSession(pin))
            {
                if (Find(session, label, CKO.CKO_PRIVATE_KEY).Count == 0)
                {
                    return null;
                }
            }

            return OpenWithEngine(label, pin);
        }
        finally
        {
            Serial.Release();
        }
    }

    /// <inheritdoc />
    /// <exception cref="TpmUnavailableException">There is no usable TPM token.</exception>
    public async Task DestroyAsync(string label, CancellationToken cancellationToken)
    {
        ValidateLabel(label);
        await Serial.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var pin = TpmPin.Read(_options.PinFile);
            using var session = OpenSession(pin);
            var destroyed = false;
            try
            {
                foreach (var handle in Find(session, label, null))
                {
                    session.DestroyObject(handle);
                    destroyed = true;
                }
            }
            finally
            {
                // Even a half-finished destroy changed the object set; destroying nothing did not, and costs no instance.
                if (destroyed)
                {
                    TpmEngine.ObjectsChanged();
                }
            }
        }
        finally
        {
            Serial.Release();
        }
    }

    /// <summary>The protection attributes of the private key under <paramref name="label"/>, or null when there is none.</summary>
    /// <exception cref="TpmUnavailableException">There is no usable TPM token.</exception>
    public async Task<TpmKeyAttributes?> ReadAttributesAsync(string label, CancellationToken cancellationToken)
    {
        ValidateLabel(label);
        await Serial.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var pin = TpmPin.Read(_options.PinFile);
            using var session = OpenSession(pin);
            var found = Find(session, label, CKO.CKO_PRIVATE_KEY);
            if (found.Count == 0)
            {
                return null;
            }

            var values = session.GetAttributeValue(found[0], [CKA.CKA_EXTRACTABLE, CKA.CKA_SENSITIVE, CKA.CKA_NEVER_EXTRACTABLE, CKA.CKA_LOCAL]);
            return new TpmKeyAttributes(
                Extractable: values[0].GetValueAsBool(),
                Sensitive: values[1].GetValueAsBool(),
                NeverExtractable: values[2].GetValueAsBool(),
                Local: values[3].GetValueAsBool());
        }
        finally
        {
            Serial.Release();
        }
    }

    private static void ValidateLabel(string label)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        if (label.Length > 128)
        {
            throw new ArgumentException("A key label is at most 128 characters.", nameof(label));
        }
    }

    private static List<IObjectHandle> Find(ISession session, string label, CKO? objectClass)
    {
        var factory = TpmModule.Factories.ObjectAttributeFactory;
        List<IObjectAttribute> template = [factory.Create(CKA.CKA_LABEL, label)];
        if (objectClass is { } kind)
        {
            template.Add(factory.Create(CKA.CKA_CLASS, kind));
        }

        return session.FindAllObjects(template);
    }

    private static void Generate(ISession session, string label)
    {
        var factory = TpmModule.Factories.ObjectAttributeFactory;
        var id = RandomNumberGenerator.GetBytes(IdBytes);
        List<IObjectAttribute> publicTemplate =
        [
            factory.Create(CKA.CKA_CLASS, CKO.CKO_PUBLIC_KEY),
            factory.Create(CKA.CKA_KEY_TYPE, CKK.CKK_RSA),
            factory.Create(CKA.CKA_TOKEN, true),
            factory.Create(CKA.CKA_PRIVATE, false),
            factory.Create(CKA.CKA_LABEL, label),
            factory.Create(CKA.CKA_ID, id),
            factory.Create(CKA.CKA_MODULUS_BITS, (ulong)ModulusBits),
            factory.Create(CKA.CKA_PUBLIC_EXPONENT, new byte[] { 0x01, 0x00, 0x01 }),
        ];
        List<IObjectAttribute> privateTemplate =
        [
            factory.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY),
            factory.Create(CKA.CKA_KEY_TYPE, CKK.CKK_RSA),
            factory.Create(CKA.CKA_TOKEN, true),
            factory.Create(CKA.CKA_PRIVATE, true),
            factory.Create(CKA.CKA_SENSITIVE, true),
            factory.Create(CKA.CKA_EXTRACTABLE, false),
            factory.Create(CKA.CKA_LABEL, label),
            factory.Create(CKA.CKA_ID, id),
            factory.Create(CKA.CKA_SIGN, true),
            // True, though the key never decrypts for us: libp11 signs with CKM_RSA_X_509 (OpenSSL pads, the token does
            // the raw RSA), which tpm2-pkcs11 runs as TPM2_RSA_Decrypt; a TPM key without the decrypt attribute fails
            // every engine signature and TLS handshake with "inconsistent attributes".
            factory.Create(CKA.CKA_DECRYPT, true),
        ];
        using var mechanism = TpmModule.Factories.MechanismFactory.Create(CKM.CKM_RSA_PKCS_KEY_PAIR_GEN);
        session.GenerateKeyPair(mechanism, publicTemplate, privateTemplate, out _, out _);
    }

    private ISession OpenSession(TpmPin pin)
    {
        var library = TpmModule.Get(_options.ModulePath);
        ISlot? slot;
        try
        {
            slot = library.GetSlotList(SlotsType.WithTokenPresent)
                .FirstOrDefault(s => string.Equals(s.GetTokenInfo().Label.TrimEnd(' ', '\0'), _options.TokenLabel, StringComparison.Ordinal));
        }
        catch (Pkcs11Exception e)
        {
            throw new TpmUnavailableException($"No TPM: the PKCS#11 module {_options.ModulePath} cannot list its tokens ({e.RV}); {TctiHint()}.", e);
        }

        if (slot is null)
        {
            throw new TpmUnavailableException(
                $"No TPM token labelled {_options.TokenLabel} through the PKCS#11 module {_options.ModulePath}; {TctiHint()}. Initialise the token (docs/devices/agent-keys.md).");
        }

        var session = slot.OpenSession(SessionType.ReadWrite);
        try
        {
            session.Login(CKU.CKU_USER, pin.Bytes);
        }
        catch (Pkcs11Exception e) when (e.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
        {
            // The token's login is per process, and the engine may have logged in first.
        }
        catch (Pkcs11Exception e) when (e.RV is CKR.CKR_PIN_INCORRECT or CKR.CKR_PIN_LOCKED or CKR.CKR_PIN_EXPIRED or CKR.CKR_PIN_INVALID or CKR.CKR_PIN_LEN_RANGE)
        {
            session.Dispose();
            throw new TpmUnavailableException($"The TPM token {_options.TokenLabel} refused the user PIN in {_options.PinFile} ({e.RV}).", e);
        }
        catch
        {
            session.Dispose();
            throw;
        }

        return session;
    }

    private RSA OpenWithEngine(string label, TpmPin pin)
    {
        try
        {
            return TpmEngine.OpenPrivateKey(_options.ModulePath, _options.TokenLabel, label, pin.Bytes);
        }
        catch (CryptographicException e)
        {
            // OpenSSL's message names the URI's parts it failed on at most; the URI itself (with the PIN) is never in it.
            throw new TpmUnavailableException($"OpenSSL's pkcs11 engine could not open the TPM key {label} on token {_options.TokenLabel}.", e);
        }
    }

    private static string TctiHint()
    {
        var tcti = Environment.GetEnvironmentVariable("TPM2_PKCS11_TCTI");
        return string.IsNullOrEmpty(tcti)
            ? "the TPM is reached through the default TCTI (/dev/tpmrm0; set TPM2_PKCS11_TCTI otherwise)"
            : $"the TPM is reached through the TCTI {tcti}";
    }
}
