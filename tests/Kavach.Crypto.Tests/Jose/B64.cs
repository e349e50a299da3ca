namespace Kavach.Crypto.Tests.Jose;

/// <summary>Base64url written out with the framework's standard encoder, independent of Kavach's helpers.</summary>
internal static class B64
{
    public static string Url(byte[] data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Url(string text) => Url(System.Text.Encoding.UTF8.GetBytes(text));

    public static byte[] FromUrl(string text)
    {
        string standard = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(standard.PadRight(standard.Length + ((4 - (standard.Length % 4)) % 4), '='));
    }

    public static string Utf8(string part) => System.Text.Encoding.UTF8.GetString(FromUrl(part));
}
