using System.Text;

namespace Kavach.Vaults.Pkcs11.Interop;

/// <summary>Finds the slot holding a token by its label, and asks a slot about its token and mechanisms.</summary>
internal static class SlotFinder
{
    // CK_TOKEN_INFO: label[32], manufacturerID[32], model[16], serialNumber[16], then CK_FLAGS flags at offset 96;
    // 208 bytes in all on LP64, rounded up generously.
    private const int TokenInfoSize = 256;
    private const int LabelLength = 32;
    private const int FlagsOffset = 96;

    /// <summary>The slot whose token is labelled <paramref name="label"/>, or null; the first of several.</summary>
    /// <exception cref="Pkcs11Exception">The library failed to list slots.</exception>
    public static nuint? Find(Pkcs11FunctionList functions, string label)
    {
        foreach (var slot in SlotsWithTokens(functions))
        {
            var rv = (CkResult)ReadTokenInfo(functions, slot, out var info);

            // A token pulled out between the listing and this question is simply not the one.
            if (rv is CkResult.TokenNotPresent or CkResult.TokenNotRecognized or CkResult.SlotIdInvalid or CkResult.DeviceRemoved)
            {
                continue;
            }

            if (rv != CkResult.Ok)
            {
                throw new Pkcs11Exception("C_GetTokenInfo", rv);
            }

            if (string.Equals(Label(info), label, StringComparison.Ordinal))
            {
                return slot;
            }
        }

        return null;
    }

    /// <summary>The label of the token in <paramref name="slot"/>, or throws the library's error.</summary>
    public static string TokenLabel(Pkcs11FunctionList functions, nuint slot)
    {
        var rv = (CkResult)ReadTokenInfo(functions, slot, out var info);
        if (rv != CkResult.Ok)
        {
            throw new Pkcs11Exception("C_GetTokenInfo", rv);
        }

        return Label(info);
    }

    /// <summary>Whether the token in <paramref name="slot"/> offers <paramref name="mechanism"/> with all of <paramref name="flags"/>.</summary>
    public static bool Supports(Pkcs11FunctionList functions, nuint slot, nuint mechanism, nuint flags)
    {
        // CK_MECHANISM_INFO { ulMinKeySize, ulMaxKeySize, flags }.
        var info = new byte[3 * IntPtr.Size];
        var rv = (CkResult)functions.GetMechanismInfo(slot, mechanism, ref info[0]);
        return rv == CkResult.Ok && ((nuint)BitConverter.ToUInt64(info, 2 * IntPtr.Size) & flags) == flags;
    }

    private static nuint[] SlotsWithTokens(Pkcs11FunctionList functions)
    {
        // The count can grow between the two calls (a token inserted); CKR_BUFFER_TOO_SMALL means ask again.
        for (var attempt = 0; attempt < 4; attempt++)
        {
            nuint count = 0;
            var rv = (CkResult)functions.GetSlotList(1, null, ref count);
            if (rv != CkResult.Ok)
            {
                throw new Pkcs11Exception("C_GetSlotList", rv);
            }

            if (count == 0)
            {
                return [];
            }

            var slots = new nuint[(int)count];
            rv = (CkResult)functions.GetSlotList(1, slots, ref count);
            if (rv == CkResult.Ok)
            {
                return slots.AsSpan(0, (int)count).ToArray();
            }

            if (rv != CkResult.BufferTooSmall)
            {
                throw new Pkcs11Exception("C_GetSlotList", rv);
            }
        }

        throw new Pkcs11Exception("C_GetSlotList", CkResult.BufferTooSmall, "the slot list kept changing");
    }

    private static nuint ReadTokenInfo(Pkcs11FunctionList functions, nuint slot, out byte[] info)
    {
        info = new byte[TokenInfoSize];
        return functions.GetTokenInfo(slot, ref info[0]);
    }

    // Labels are UTF-8, padded with blanks to 32 bytes, not terminated.
    private static string Label(byte[] info) => Encoding.UTF8.GetString(info, 0, LabelLength).TrimEnd(' ', '\0');

    /// <summary>The token's <c>CK_TOKEN_INFO.flags</c>.</summary>
    public static nuint TokenFlags(Pkcs11FunctionList functions, nuint slot)
    {
        var rv = (CkResult)ReadTokenInfo(functions, slot, out var info);
        if (rv != CkResult.Ok)
        {
            throw new Pkcs11Exception("C_GetTokenInfo", rv);
        }

        return (nuint)BitConverter.ToUInt64(info, FlagsOffset);
    }
}
