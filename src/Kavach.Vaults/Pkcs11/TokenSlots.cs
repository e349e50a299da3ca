using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Kavach.Vaults.Pkcs11;

/// <summary>Finds the slot holding a token by its label.</summary>
internal static class TokenSlots
{
    /// <summary>The slot whose token is labelled <paramref name="label"/>, or null; the first of several.</summary>
    /// <exception cref="Pkcs11Exception">The library failed to list slots.</exception>
    public static ISlot? Find(IPkcs11Library library, string label)
    {
        foreach (var slot in library.GetSlotList(SlotsType.WithTokenPresent))
        {
            string found;
            try
            {
                found = Label(slot);
            }
            catch (Pkcs11Exception e) when (e.RV is CKR.CKR_TOKEN_NOT_PRESENT or CKR.CKR_TOKEN_NOT_RECOGNIZED or CKR.CKR_SLOT_ID_INVALID or CKR.CKR_DEVICE_REMOVED)
            {
                // A token pulled out between the listing and this question is simply not the one.
                continue;
            }

            if (string.Equals(found, label, StringComparison.Ordinal))
            {
                return slot;
            }
        }

        return null;
    }

    /// <summary>The label of the token in <paramref name="slot"/> (labels are blank-padded to 32 bytes), or throws the library's error.</summary>
    public static string Label(ISlot slot) => slot.GetTokenInfo().Label.TrimEnd(' ', '\0');
}
