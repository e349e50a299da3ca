namespace Kavach.Keys.Wrapping;

/// <summary>MOSIP's <c>#KEY_SPLITTER#</c> separator between a wrapped key and the data it protects.</summary>
public static class KeySplitter
{
    /// <summary>The 14 ASCII bytes of <c>#KEY_SPLITTER#</c>.</summary>
    public static ReadOnlySpan<byte> Bytes => "#KEY_SPLITTER#"u8;

    /// <summary>Splits at the first occurrence of the splitter; false when there is none.</summary>
    public static bool TrySplit(ReadOnlySpan<byte> data, out Range keyPart, out Range dataPart)
    {
        var index = data.IndexOf(Bytes);
        if (index < 0)
        {
            keyPart = default;
            dataPart = default;
            return false;
        }

        keyPart = ..index;
        dataPart = (index + Bytes.Length)..;
        return true;
    }
}
