namespace Kavach.Vaults.Pkcs11.Interop;

/// <summary>Flags and enumerations passed to or read from the library (<c>CKF_*</c>, <c>CKU_*</c>, <c>CKS_*</c>).</summary>
internal static class CkFlags
{
    /// <summary><c>CKF_OS_LOCKING_OK</c> in <c>CK_C_INITIALIZE_ARGS</c>: the library may use the OS's locks, we call it from many threads.</summary>
    public const nuint OsLockingOk = 0x002;

    public const nuint RwSession = 0x002;
    public const nuint SerialSession = 0x004;

    /// <summary><c>CKF_TOKEN_PRESENT</c> in <c>CK_SLOT_INFO</c>.</summary>
    public const nuint TokenPresent = 0x001;

    /// <summary><c>CKF_TOKEN_INITIALIZED</c> in <c>CK_TOKEN_INFO</c>.</summary>
    public const nuint TokenInitialized = 0x400;

    /// <summary><c>CKF_DECRYPT</c> in <c>CK_MECHANISM_INFO</c>.</summary>
    public const nuint MechanismDecrypt = 0x200;

    /// <summary><c>CKU_USER</c>.</summary>
    public const nuint UserTypeUser = 1;

    /// <summary><c>CKS_RW_USER_FUNCTIONS</c>: a read-write session of a logged-in user.</summary>
    public const nuint StateRwUserFunctions = 3;

    /// <summary><c>CK_UNAVAILABLE_INFORMATION</c> in an attribute's length.</summary>
    public static readonly nuint UnavailableInformation = nuint.MaxValue;
}
