using Net.Pkcs11Interop.Common;

namespace Kavach.Vaults.Pkcs11;

/// <summary>How the vault reads a PKCS#11 return value: a failing token or library, a stale handle, a refused PIN, bad input, or something the token does not offer.</summary>
internal static class Pkcs11Errors
{
    /// <summary>
    /// The token, the library or our sessions are gone or broken: the operation may succeed on a fresh session and
    /// library state, so the vault reconnects. Key, data and template errors are not in this set.
    /// </summary>
    public static bool IsConnectionFault(this Pkcs11Exception e) => e.RV is CKR.CKR_HOST_MEMORY or CKR.CKR_SLOT_ID_INVALID
        or CKR.CKR_GENERAL_ERROR or CKR.CKR_FUNCTION_FAILED or CKR.CKR_DEVICE_ERROR or CKR.CKR_DEVICE_MEMORY
        or CKR.CKR_DEVICE_REMOVED or CKR.CKR_SESSION_CLOSED or CKR.CKR_SESSION_HANDLE_INVALID or CKR.CKR_TOKEN_NOT_PRESENT
        or CKR.CKR_TOKEN_NOT_RECOGNIZED or CKR.CKR_USER_NOT_LOGGED_IN or CKR.CKR_CRYPTOKI_NOT_INITIALIZED
        or CKR.CKR_SESSION_COUNT or CKR.CKR_CANCEL;

    /// <summary>The object handle no longer names an object (deleted elsewhere, or the token's state was reloaded).</summary>
    public static bool IsStaleHandle(this Pkcs11Exception e) => e.RV is CKR.CKR_KEY_HANDLE_INVALID or CKR.CKR_OBJECT_HANDLE_INVALID;

    /// <summary>The token refuses the PIN; logging in again with it could lock the token.</summary>
    public static bool IsPinRefused(this Pkcs11Exception e) => e.RV is CKR.CKR_PIN_INCORRECT or CKR.CKR_PIN_INVALID
        or CKR.CKR_PIN_LEN_RANGE or CKR.CKR_PIN_EXPIRED or CKR.CKR_PIN_LOCKED or CKR.CKR_USER_PIN_NOT_INITIALIZED;

    /// <summary>The input does not decrypt or has the wrong size for the key.</summary>
    public static bool IsBadInput(this Pkcs11Exception e) => e.RV is CKR.CKR_ENCRYPTED_DATA_INVALID
        or CKR.CKR_ENCRYPTED_DATA_LEN_RANGE or CKR.CKR_DATA_INVALID or CKR.CKR_DATA_LEN_RANGE;

    /// <summary>The token does not offer the mechanism or parameters asked for.</summary>
    public static bool IsUnsupported(this Pkcs11Exception e) => e.RV is CKR.CKR_MECHANISM_INVALID
        or CKR.CKR_MECHANISM_PARAM_INVALID or CKR.CKR_ARGUMENTS_BAD or CKR.CKR_FUNCTION_NOT_SUPPORTED
        or CKR.CKR_CURVE_NOT_SUPPORTED or CKR.CKR_DOMAIN_PARAMS_INVALID or CKR.CKR_ATTRIBUTE_VALUE_INVALID
        or CKR.CKR_TEMPLATE_INCONSISTENT;

    /// <summary>The <c>CKR_*</c> name of the return value, or its hexadecimal value.</summary>
    public static string Describe(this Pkcs11Exception e) => Enum.IsDefined(e.RV) ? e.RV.ToString() : $"0x{(ulong)e.RV:X8}";
}
