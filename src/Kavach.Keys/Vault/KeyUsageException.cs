namespace Kavach.Keys.Vault;

/// <summary>
/// The vault refused to use a key for something its certificate does not allow: data signing with an issuing key
/// (a CA, keyCertSign or cRLSign), issuing with a key that is not a CA, or a certificate swap that changes which
/// of the two a key is. The server answers it as KER-KMS-020, never as a fault.
/// </summary>
public sealed class KeyUsageException : Exception
{
    /// <summary>Creates the exception for <paramref name="alias"/>.</summary>
    public KeyUsageException(string alias, string message)
        : base(message)
    {
        Alias = alias;
    }

    /// <summary>The alias of the refused key.</summary>
    public string Alias { get; }
}
