namespace Kavach.Testing;

/// <summary>A tpm2-pkcs11 token on a software TPM made for the tests: the PKCS#11 module, the token's label and the user PIN's 0600 file.</summary>
public sealed record SwTpmToken(string Module, string TokenLabel, string PinFile);
