namespace Kavach.Keys.ClientCrypto;

/// <summary>MOSIP's client types for client crypto (<c>clientType</c>; <c>isTpm</c> is deprecated).</summary>
public enum ClientType
{
    /// <summary>A software key (SPKI), OAEP-SHA256 with MGF1-SHA256. The default.</summary>
    Local,

    /// <summary>An Android keystore key (SPKI), OAEP-SHA256 with MGF1-SHA1.</summary>
    Android,

    /// <summary>A TPM key (TPMT_PUBLIC), OAEP-SHA256 and RSASSA-SHA256.</summary>
    Tpm,
}
