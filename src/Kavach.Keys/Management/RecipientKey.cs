using System.Security.Cryptography;

namespace Kavach.Keys.Management;

/// <summary>What encrypting to a key needs: its RSA public key and its certificate's SHA-256 thumbprint.</summary>
public sealed record RecipientKey(RSA PublicKey, byte[] Thumbprint);
