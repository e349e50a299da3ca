namespace Kavach.Vaults.Pkcs11;

/// <summary>A named curve Kavach generates keys on.</summary>
/// <param name="Name">The usual name (P-256, secp256k1).</param>
/// <param name="Oid">The curve's object identifier.</param>
/// <param name="EncodedOid">The DER OBJECT IDENTIFIER, which is what <c>CKA_EC_PARAMS</c> holds for a named curve.</param>
/// <param name="FieldSize">Bytes per coordinate (and per signature half).</param>
internal sealed record EcCurve(string Name, string Oid, byte[] EncodedOid, int FieldSize);
