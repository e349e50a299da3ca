namespace Kavach.Vaults.Pkcs11.Interop;

/// <summary>
/// A PKCS#11 function returned something other than <c>CKR_OK</c>. The message names the function and the return
/// value, never a PIN, a label's secret or key material. Callers turn it into the vault's public exceptions.
/// </summary>
internal sealed class Pkcs11Exception : Exception
{
    public Pkcs11Exception(string function, CkResult result, string? detail = null)
        : base(detail is null ? $"{function} returned {Describe(result)}" : $"{function} returned {Describe(result)}: {detail}")
    {
        Function = function;
        Result = result;
    }

    public string Function { get; }

    public CkResult Result { get; }

    /// <summary>
    /// The token, the library or our sessions are gone or broken: the operation may succeed on a fresh session and
    /// library state, so the vault reconnects. Key, data and template errors are not in this set.
    /// </summary>
    public bool IsConnectionFault => Result is CkResult.HostMemory or CkResult.SlotIdInvalid or CkResult.GeneralError
        or CkResult.FunctionFailed or CkResult.DeviceError or CkResult.DeviceMemory or CkResult.DeviceRemoved
        or CkResult.SessionClosed or CkResult.SessionHandleInvalid or CkResult.TokenNotPresent
        or CkResult.TokenNotRecognized or CkResult.UserNotLoggedIn or CkResult.CryptokiNotInitialized
        or CkResult.SessionCount or CkResult.Cancel;

    /// <summary>The object handle no longer names an object (deleted elsewhere, or the token's state was reloaded).</summary>
    public bool IsStaleHandle => Result is CkResult.KeyHandleInvalid or CkResult.ObjectHandleInvalid;

    /// <summary>The token refuses the PIN; logging in again with it could lock the token.</summary>
    public bool IsPinRefused => Result is CkResult.PinIncorrect or CkResult.PinInvalid or CkResult.PinLenRange
        or CkResult.PinExpired or CkResult.PinLocked or CkResult.UserPinNotInitialized;

    /// <summary>The input does not decrypt or has the wrong size for the key.</summary>
    public bool IsBadInput => Result is CkResult.EncryptedDataInvalid or CkResult.EncryptedDataLenRange
        or CkResult.DataInvalid or CkResult.DataLenRange;

    /// <summary>The token does not offer the mechanism or parameters asked for.</summary>
    public bool IsUnsupported => Result is CkResult.MechanismInvalid or CkResult.MechanismParamInvalid
        or CkResult.ArgumentsBad or CkResult.FunctionNotSupported or CkResult.CurveNotSupported
        or CkResult.DomainParamsInvalid or CkResult.AttributeValueInvalid or CkResult.TemplateInconsistent;

    /// <summary>The <c>CKR_*</c> name of <paramref name="result"/>, or its hexadecimal value.</summary>
    public static string Describe(CkResult result) => Enum.IsDefined(result)
        ? "CKR_" + ToUpperSnake(result.ToString())
        : $"0x{(ulong)result:X8}";

    private static string ToUpperSnake(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(name[i]));
        }

        return builder.ToString();
    }
}
