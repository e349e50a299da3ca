namespace Kavach.PartnerChannel.Remote;

/// <summary>Where the remote key source and partner resolver find their keys and partners on a Kavach server.</summary>
public sealed class KavachApiOptions
{
    /// <summary>Our application id on the Kavach server (its <c>SIGN</c> key signs, its base key decrypts), e.g. <c>IDA</c>.</summary>
    public string ApplicationId { get; set; } = "IDA";

    /// <summary>Reference id of the signature key (<c>&lt;APP&gt;/SIGN</c>).</summary>
    public string SigningReferenceId { get; set; } = "SIGN";

    /// <summary>Reference id of the encryption base key (<c>&lt;APP&gt;/PARTNER</c>).</summary>
    public string EncryptionReferenceId { get; set; } = "PARTNER";

    /// <summary>
    /// Supplies the bearer token for each call; null leaves authentication to the <see cref="HttpClient"/> given
    /// (default headers or a handler).
    /// </summary>
    public Func<CancellationToken, ValueTask<string>>? AccessToken { get; set; }

    /// <summary>How long a fetched certificate is reused before it is asked for again (keys rotate on the server).</summary>
    public TimeSpan CertificateLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
