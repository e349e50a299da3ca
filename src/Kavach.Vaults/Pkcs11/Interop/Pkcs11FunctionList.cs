using System.Runtime.InteropServices;

namespace Kavach.Vaults.Pkcs11.Interop;

/// <summary>
/// The library's <c>CK_FUNCTION_LIST</c> (PKCS#11 v2.40), reduced to the functions Kavach calls, as typed delegates.
/// </summary>
/// <remarks>
/// <para>Kavach.Vaults compiles without unsafe code, so the table is bound with
/// <see cref="Marshal.GetDelegateForFunctionPointer{TDelegate}(IntPtr)"/> rather than <c>delegate* unmanaged</c>. Every
/// parameter is blittable (<see cref="nuint"/> for <c>CK_ULONG</c>, <c>ref byte</c> for buffers, which the marshaller
/// pins in place), so a call costs one transition and no copying.</para>
/// <para>Layout as on Linux/LP64: <c>CK_ULONG</c> is 64 bits and structures are naturally aligned (Windows packs them
/// to 1 byte and has a 32-bit <c>CK_ULONG</c>; Kavach runs on Linux only).</para>
/// </remarks>
internal sealed class Pkcs11FunctionList
{
    // Slot numbers in CK_FUNCTION_LIST after the CK_VERSION (PKCS#11 v2.40, section 5.16).
    private const int InitializeSlot = 0;
    private const int FinalizeSlot = 1;
    private const int GetSlotListSlot = 4;
    private const int GetTokenInfoSlot = 6;
    private const int GetMechanismInfoSlot = 8;
    private const int OpenSessionSlot = 12;
    private const int CloseSessionSlot = 13;
    private const int GetSessionInfoSlot = 15;
    private const int LoginSlot = 18;
    private const int CreateObjectSlot = 20;
    private const int DestroyObjectSlot = 22;
    private const int GetAttributeValueSlot = 24;
    private const int FindObjectsInitSlot = 26;
    private const int FindObjectsSlot = 27;
    private const int FindObjectsFinalSlot = 28;
    private const int EncryptInitSlot = 29;
    private const int EncryptSlot = 30;
    private const int DecryptInitSlot = 33;
    private const int DecryptSlot = 34;
    private const int SignInitSlot = 42;
    private const int SignSlot = 43;
    private const int GenerateKeySlot = 58;
    private const int GenerateKeyPairSlot = 59;
    private const int LastSlotUsed = GenerateKeyPairSlot;

    private Pkcs11FunctionList(IntPtr table)
    {
        InitializeLibrary = Bind<PointerFunction>(table, InitializeSlot);
        FinalizeLibrary = Bind<PointerFunction>(table, FinalizeSlot);
        GetSlotList = Bind<GetSlotListFunction>(table, GetSlotListSlot);
        GetTokenInfo = Bind<InfoFunction>(table, GetTokenInfoSlot);
        GetMechanismInfo = Bind<GetMechanismInfoFunction>(table, GetMechanismInfoSlot);
        OpenSession = Bind<OpenSessionFunction>(table, OpenSessionSlot);
        CloseSession = Bind<HandleFunction>(table, CloseSessionSlot);
        GetSessionInfo = Bind<InfoFunction>(table, GetSessionInfoSlot);
        Login = Bind<LoginFunction>(table, LoginSlot);
        CreateObject = Bind<CreateObjectFunction>(table, CreateObjectSlot);
        DestroyObject = Bind<ObjectFunction>(table, DestroyObjectSlot);
        GetAttributeValue = Bind<GetAttributeValueFunction>(table, GetAttributeValueSlot);
        FindObjectsInit = Bind<FindObjectsInitFunction>(table, FindObjectsInitSlot);
        FindObjects = Bind<FindObjectsFunction>(table, FindObjectsSlot);
        FindObjectsFinal = Bind<HandleFunction>(table, FindObjectsFinalSlot);
        EncryptInit = Bind<OperationInitFunction>(table, EncryptInitSlot);
        Encrypt = Bind<SinglePartFunction>(table, EncryptSlot);
        DecryptInit = Bind<OperationInitFunction>(table, DecryptInitSlot);
        Decrypt = Bind<SinglePartFunction>(table, DecryptSlot);
        SignInit = Bind<OperationInitFunction>(table, SignInitSlot);
        Sign = Bind<SinglePartFunction>(table, SignSlot);
        GenerateKey = Bind<GenerateKeyFunction>(table, GenerateKeySlot);
        GenerateKeyPair = Bind<GenerateKeyPairFunction>(table, GenerateKeyPairSlot);
    }

    /// <summary><c>C_GetFunctionList</c>.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate nuint GetFunctionListFunction(out IntPtr functionList);

    /// <summary><c>C_Initialize(pInitArgs)</c> and <c>C_Finalize(pReserved)</c>.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate nuint PointerFunction(IntPtr argument);

    /// <summary><c>C_GetSlotList</c>; a null array asks for the count.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate nuint GetSlotListFunction(byte tokenPresent, [In, Out] nuint[]? slots, ref nuint count);

    /// <summary><c>C_GetTokenInfo(slot, info)</c> and <c>C_GetSessionInfo(session, info)</c>.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate nuint InfoFunction(nuint handle, ref byte info);

    /// <summary><c>C_GetMechanismInfo</c>.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate nuint GetMechanismInfoFunction(nuint slot, nuint mechanism, ref byte info);

    /// <summary><c>C_OpenSession</c> (no callback).</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate nuint OpenSessionFunction(nuint slot, nuint flags, IntPtr application, IntPtr notify, out nuint session);

    /// <summary><c>C_CloseSession</c> and <c>C_FindObjectsFinal</c>.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate nuint HandleFunction(nuint session);

    /// <summary><c>C_Login</c>.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate nuint LoginFunction(nuint session, nuint userType, ref byte pin, nuint pinLength);

    /// <summary><c>C_CreateObject</c>.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate nuint CreateObjectFunction(nuint session, IntPtr template, nuint count, out nuint handle);

    /// <summary><c>C_DestroyObject</c>.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate nuint ObjectFunction(nuint session, nuint handle);

    /// <summary><c>C_GetAttributeValue</c>.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate nuint GetAttributeValueFunction(nuint session, nuint handle, IntPtr template, nuint count);

    /// <summary><c>C_FindObjectsInit</c>.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate nuint FindObjectsInitFunction(nuint session, IntPtr template, nuint count);

    /// <summary><c>C_FindObjects</c>.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate nuint FindObjectsFunction(nuint session, [In, Out] nuint[] handles, nuint maxCount, out nuint count);

    /// <summary><c>C_SignInit</c>, <c>C_DecryptInit</c> and <c>C_EncryptInit</c>.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate nuint OperationInitFunction(nuint session, ref NativeMechanism mechanism, nuint key);

    /// <summary><c>C_Sign</c>, <c>C_Decrypt</c> and <c>C_Encrypt</c>.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate nuint SinglePartFunction(nuint session, ref byte input, nuint inputLength, ref byte output, ref nuint outputLength);

    /// <summary><c>C_GenerateKey</c>.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate nuint GenerateKeyFunction(nuint session, ref NativeMechanism mechanism, IntPtr template, nuint count, out nuint key);

    /// <summary><c>C_GenerateKeyPair</c>.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate nuint GenerateKeyPairFunction(
        nuint session, ref NativeMechanism mechanism, IntPtr publicTemplate, nuint publicCount,
        IntPtr privateTemplate, nuint privateCount, out nuint publicKey, out nuint privateKey);

    public PointerFunction InitializeLibrary { get; }

    public PointerFunction FinalizeLibrary { get; }

    public GetSlotListFunction GetSlotList { get; }

    public InfoFunction GetTokenInfo { get; }

    public GetMechanismInfoFunction GetMechanismInfo { get; }

    public OpenSessionFunction OpenSession { get; }

    public HandleFunction CloseSession { get; }

    public InfoFunction GetSessionInfo { get; }

    public LoginFunction Login { get; }

    public CreateObjectFunction CreateObject { get; }

    public ObjectFunction DestroyObject { get; }

    public GetAttributeValueFunction GetAttributeValue { get; }

    public FindObjectsInitFunction FindObjectsInit { get; }

    public FindObjectsFunction FindObjects { get; }

    public HandleFunction FindObjectsFinal { get; }

    public OperationInitFunction EncryptInit { get; }

    public SinglePartFunction Encrypt { get; }

    public OperationInitFunction DecryptInit { get; }

    public SinglePartFunction Decrypt { get; }

    public OperationInitFunction SignInit { get; }

    public SinglePartFunction Sign { get; }

    public GenerateKeyFunction GenerateKey { get; }

    public GenerateKeyPairFunction GenerateKeyPair { get; }

    /// <summary>Calls the library's <c>C_GetFunctionList</c> and binds the table it returns.</summary>
    /// <exception cref="Pkcs11Exception">The library has no <c>C_GetFunctionList</c>, it failed, or its table is not version 2.x/3.x.</exception>
    public static Pkcs11FunctionList Load(IntPtr library)
    {
        if (!NativeLibrary.TryGetExport(library, "C_GetFunctionList", out var export))
        {
            throw new Pkcs11Exception("C_GetFunctionList", CkResult.FunctionNotSupported, "the library exports no C_GetFunctionList; it is not a PKCS#11 module");
        }

        var getFunctionList = Marshal.GetDelegateForFunctionPointer<GetFunctionListFunction>(export);
        var rv = (CkResult)getFunctionList(out var table);
        if (rv != CkResult.Ok || table == IntPtr.Zero)
        {
            throw new Pkcs11Exception("C_GetFunctionList", rv == CkResult.Ok ? CkResult.GeneralError : rv);
        }

        // CK_VERSION { major, minor } opens the table; v3.0 modules still hand out a v2.40-shaped list here.
        var major = Marshal.ReadByte(table);
        if (major is not 2 and not 3)
        {
            throw new Pkcs11Exception("C_GetFunctionList", CkResult.FunctionNotSupported, $"unsupported Cryptoki version {major}");
        }

        return new Pkcs11FunctionList(table);
    }

    private static T Bind<T>(IntPtr table, int slot)
        where T : Delegate
    {
        // The 2-byte CK_VERSION is padded to pointer alignment, so slot n sits at (n + 1) pointers.
        var pointer = Marshal.ReadIntPtr(table, (slot + 1) * IntPtr.Size);
        if (pointer == IntPtr.Zero)
        {
            throw new Pkcs11Exception("C_GetFunctionList", CkResult.FunctionNotSupported, $"the module leaves function {slot} of {LastSlotUsed} empty");
        }

        return Marshal.GetDelegateForFunctionPointer<T>(pointer);
    }
}
