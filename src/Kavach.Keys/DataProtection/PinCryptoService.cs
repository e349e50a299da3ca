using Kavach.Crypto.Pin;
using Kavach.Keys.Errors;

namespace Kavach.Keys.DataProtection;

/// <summary><c>/encryptWithPin</c> and <c>/decryptWithPin</c> (spec §3.5). A wrong PIN and tampered data look alike.</summary>
public sealed class PinCryptoService
{
    /// <summary>Creates the service with MOSIP's <c>mosip.kernel.crypto.hash-iteration</c>.</summary>
    public PinCryptoService(int iterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        Iterations = iterations;
    }

    /// <summary>PBKDF2 iterations; must equal the deployment's, since ciphertexts do not carry it.</summary>
    public int Iterations { get; }

    /// <summary>Encrypts the UTF-8 text <paramref name="data"/> under <paramref name="pin"/>.</summary>
    public string Encrypt(string data, string pin) => PinCipher.Encrypt(data, pin, Iterations);

    /// <summary>Decrypts; KER-FSE-004 for any failure.</summary>
    public Result<string> Decrypt(string data, string pin) =>
        PinCipher.TryDecrypt(data, pin, Iterations, out var plaintext) ? plaintext : ErrorCodes.EncryptedDataCorrupt;
}
