namespace Kavach.Vaults;

/// <summary>A bag read from the vault file: its attributes and its value (encrypted key or DER certificate).</summary>
internal readonly record struct DecodedBag(Pkcs12BagAttributes Attributes, byte[] Value);
