namespace Kavach.Keys.Storage;

/// <summary>One row of <c>key_store</c>: a database-held private key, wrapped, and its certificate.</summary>
/// <param name="Id">Equals <see cref="KeyAlias.Id"/>.</param>
/// <param name="MasterKeyAlias">Alias of the vault master key that wraps <paramref name="WrappedPrivateKey"/>; equals <paramref name="Id"/> for other-domain certificates.</param>
/// <param name="WrappedPrivateKey">The wrapped PKCS#8 key in MOSIP's format, or <c>"NA"</c> for other-domain certificates.</param>
/// <param name="CertificatePem">The PEM certificate.</param>
public sealed record StoredKey(string Id, string MasterKeyAlias, string WrappedPrivateKey, string CertificatePem)
{
    /// <summary>The marker MOSIP stores in place of a private key for other-domain certificates.</summary>
    public const string NoPrivateKey = "NA";

    /// <summary>True for an uploaded other-domain certificate, which has no private key here.</summary>
    public bool IsOtherDomain => MasterKeyAlias == Id || WrappedPrivateKey == NoPrivateKey;
}
