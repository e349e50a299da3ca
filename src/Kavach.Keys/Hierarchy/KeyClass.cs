namespace Kavach.Keys.Hierarchy;

/// <summary>Where a key of a given (appId, refId) lives and how it is made.</summary>
public enum KeyClass
{
    /// <summary>The self-signed ROOT key, in the vault.</summary>
    Root,

    /// <summary>A module (master) key: refId "", RSA-2048 in the vault, signed by ROOT. It issues; it signs no data.</summary>
    Master,

    /// <summary>An ECDSA signing key (P-256 or secp256k1) in the vault, signed by ROOT; not a CA.</summary>
    EcSign,

    /// <summary>An Ed25519 signing key made in software, wrapped by the app master key and stored in the database.</summary>
    Ed25519Sign,

    /// <summary>A base (encryption) key: RSA-2048 made in software, wrapped by the app master key, in the database.</summary>
    Base,

    /// <summary>
    /// An application's data-signing key (refId <c>SIGN</c>, KERNEL/SIGN included): RSA-2048 in the vault, issued by
    /// the app's module key, not a CA, digitalSignature only. It signs what MOSIP signs "with the module key".
    /// </summary>
    DataSign,
}
