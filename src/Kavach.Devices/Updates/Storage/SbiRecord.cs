namespace Kavach.Devices.Updates.Storage;

/// <summary>
/// MOSIP's SBI record of a firmware release (spec §4.13.3, PMS <c>SecureBiometricInterfaceCreateDto</c>): a release is
/// rolled out only once it has one, and when <see cref="SwExpiryDateTime"/> passes, devices on it are offered a newer
/// release (forced update).
/// </summary>
/// <param name="SwBinaryHash">The SBI binary hash as registered with MOSIP (at most 36 characters).</param>
/// <param name="SwVersion">The SBI version as registered with MOSIP (at most 64 characters).</param>
/// <param name="SwCreateDateTime">When the SBI was created.</param>
/// <param name="SwExpiryDateTime">When MOSIP stops accepting it.</param>
public sealed record SbiRecord(string SwBinaryHash, string SwVersion, DateTimeOffset SwCreateDateTime, DateTimeOffset SwExpiryDateTime)
{
    /// <summary>MOSIP's column width for <see cref="SwBinaryHash"/>.</summary>
    public const int MaxBinaryHashLength = 36;

    /// <summary>MOSIP's column width for <see cref="SwVersion"/>.</summary>
    public const int MaxVersionLength = 64;

    /// <summary>True when the fields fit MOSIP's limits and the expiry is after the creation.</summary>
    public bool IsValid =>
        SwBinaryHash is { Length: > 0 and <= MaxBinaryHashLength }
        && SwVersion is { Length: > 0 and <= MaxVersionLength }
        && SwExpiryDateTime > SwCreateDateTime;
}
