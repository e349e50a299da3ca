using System.Globalization;
using System.Text;
using Kavach.Crypto;
using Kavach.Storage.Inventory;

namespace Kavach.Hosting.Inventory;

/// <summary>The opaque <c>next</c> of a key inventory page: the sort key of its last row, base64url.</summary>
public static class KeyInventoryCursor
{
    private const char Separator = '\n';

    /// <summary>The cursor after <paramref name="last"/>.</summary>
    public static string Encode(KeyRow last)
    {
        ArgumentNullException.ThrowIfNull(last);
        var text = string.Join(
            Separator,
            last.AppId,
            last.RefId,
            last.GeneratedAt.Ticks.ToString(CultureInfo.InvariantCulture),
            last.Alias,
            last.ExpiresAt.Ticks.ToString(CultureInfo.InvariantCulture));
        return Base64Url.Encode(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Reads a cursor; false when <paramref name="value"/> is not one this server wrote.</summary>
    public static bool TryDecode(string value, out KeyAliasCursor? cursor)
    {
        ArgumentNullException.ThrowIfNull(value);
        cursor = null;
        if (value.Length > 2048 || !Base64Url.TryDecodeUrlSafe(value, out var bytes))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(bytes);

        var parts = text.Split(Separator);
        if (parts.Length != 5 ||
            !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var generated) ||
            !long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var expires) ||
            generated > DateTime.MaxValue.Ticks || expires > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        cursor = new KeyAliasCursor(parts[0], parts[1], new DateTime(generated, DateTimeKind.Utc), parts[3], new DateTime(expires, DateTimeKind.Utc));
        return true;
    }
}
