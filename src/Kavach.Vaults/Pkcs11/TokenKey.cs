using Net.Pkcs11Interop.HighLevelAPI;

namespace Kavach.Vaults.Pkcs11;

/// <summary>
/// A key object found on the token, cached per alias so Sign and Decrypt need no object search.
/// </summary>
/// <param name="Handle">The object handle (valid in one library generation).</param>
/// <param name="Kind">RSA, EC or AES.</param>
/// <param name="Size">RSA: modulus bytes (signature and ciphertext length); EC: field bytes (half the r‖s signature); AES: 32.</param>
/// <param name="Modulus">RSA: the modulus, big-endian, exactly <paramref name="Size"/> bytes (ciphertexts are checked against it
/// before they reach the token, which answers an out-of-range one with a device error).</param>
internal sealed record TokenKey(IObjectHandle Handle, TokenKeyKind Kind, int Size, byte[]? Modulus)
{
    /// <summary>True for RSA and EC keys.</summary>
    public bool IsPair => Kind is TokenKeyKind.Rsa or TokenKeyKind.Ec;
}
