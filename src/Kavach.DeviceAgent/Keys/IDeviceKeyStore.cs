namespace Kavach.DeviceAgent.Keys;

/// <summary>
/// Where a device keeps its private keys: a TPM 2.0 through PKCS#11 (<see cref="Tpm.TpmKeyStore"/>), a 0600 file for
/// an L0 device without a TPM, or memory for the fleet simulator. Keys are RSA-2048, named by a label
/// (<see cref="DeviceKeyLabels"/>), made inside the store and never exported from a hardware store.
/// </summary>
public interface IDeviceKeyStore
{
    /// <summary><c>tpm</c>, <c>file</c> or <c>memory</c> (shown by <c>status</c>).</summary>
    string Kind { get; }

    /// <summary>True when private keys cannot leave the store (a TPM).</summary>
    bool IsHardware { get; }

    /// <summary>
    /// Makes a new RSA-2048 key pair under <paramref name="label"/> and returns it open. The returned <see cref="System.Security.Cryptography.RSA"/>
    /// signs inside the store, and a certificate given its key with <c>CopyWithPrivateKey</c> works as a TLS client
    /// certificate. Fails with <see cref="InvalidOperationException"/> when the label is taken.
    /// </summary>
    Task<System.Security.Cryptography.RSA> CreateAsync(string label, CancellationToken cancellationToken);

    /// <summary>Opens the key under <paramref name="label"/>, or null when there is none.</summary>
    Task<System.Security.Cryptography.RSA?> OpenAsync(string label, CancellationToken cancellationToken);

    /// <summary>Destroys the key under <paramref name="label"/> (both halves); nothing when there is none.</summary>
    Task DestroyAsync(string label, CancellationToken cancellationToken);
}
