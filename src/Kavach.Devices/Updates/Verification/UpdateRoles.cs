namespace Kavach.Devices.Updates.Verification;

/// <summary>The JWS <c>typ</c> of each role's signatures and the size cap of each document.</summary>
public static class UpdateRoles
{
    /// <summary>Largest signed document accepted (any role); a bigger one is refused before parsing.</summary>
    public const int MaxDocumentBytes = 64 * 1024;

    /// <summary>Most signatures one document may carry.</summary>
    public const int MaxSignatures = 16;

    /// <summary>The <c>typ</c> header of signatures over <paramref name="role"/>'s documents.</summary>
    public static string Typ(this UpdateRole role) => role switch
    {
        UpdateRole.Trust => "dm-trust+json",
        UpdateRole.Release => "dm-release+json",
        UpdateRole.Timestamp => "dm-timestamp+json",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };
}
