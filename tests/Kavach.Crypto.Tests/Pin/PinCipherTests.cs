using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Kavach.Crypto.Pin;

namespace Kavach.Crypto.Tests.Pin;

public sealed class PinCipherTests
{
    // MOSIP's application-local.properties value; the code default is 100000.
    private const int Iterations = 10;

    private static readonly string[] Texts = ["", "a", "1234", "{\"uin\":\"9876543210\"}", "नमस्ते दुनिया", "emoji 😀 and ß", new string('x', 5000)];

    private static readonly string[] Pins = ["1234", "", "0000", "पिन", "p@ss word 😀"];

    [Fact]
    public void Round_trips_text_and_pins_of_every_kind()
    {
        foreach (string text in Texts)
        {
            foreach (string pin in Pins)
            {
                string encrypted = PinCipher.Encrypt(text, pin, Iterations);
                Assert.True(PinCipher.TryDecrypt(encrypted, pin, Iterations, out string decrypted));
                Assert.Equal(text, decrypted);
            }
        }
    }

    [Fact]
    public void Round_trips_random_strings() =>
        Prop.ForAll(ArbMap.Default.ArbFor<NonNull<string>>(), ArbMap.Default.ArbFor<NonNull<string>>(), (text, pin) =>
            PinCipher.TryDecrypt(PinCipher.Encrypt(text.Get, pin.Get, 1), pin.Get, 1, out string decrypted)
            && decrypted == AsJavaEncodesIt(text.Get))
        .Check(Config.QuickThrowOnFailure.WithMaxTest(200));

    [Fact]
    public void Layout_is_salt_nonce_ciphertext_tag_with_the_salt_as_aad()
    {
        const string text = "MOSIP pin data";
        const string pin = "4321";
        string encrypted = PinCipher.Encrypt(text, pin, Iterations);

        Assert.DoesNotContain('=', encrypted);
        Assert.DoesNotContain('+', encrypted);
        Assert.DoesNotContain('/', encrypted);
        byte[] raw = Convert.FromBase64String(ToStandardBase64(encrypted));
        Assert.Equal(32 + 12 + Encoding.UTF8.GetByteCount(text) + 16, raw.Length);

        byte[] salt = raw[..32];
        byte[] nonce = raw[32..44];
        byte[] key = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(pin), salt, Iterations, HashAlgorithmName.SHA512, 32);

        // MOSIP's uppercase-hex detour yields the same key bytes.
        Assert.Equal(key, Convert.FromHexString(Convert.ToHexString(key)));

        byte[] plaintext = new byte[raw.Length - 60];
        using var gcm = new AesGcm(key, 16);
        gcm.Decrypt(nonce, raw[44..^16], raw[^16..], plaintext, salt);
        Assert.Equal(text, Encoding.UTF8.GetString(plaintext));
        Assert.ThrowsAny<CryptographicException>(() => gcm.Decrypt(nonce, raw[44..^16], raw[^16..], plaintext, Array.Empty<byte>()));
    }

    [Fact]
    public void Salt_and_nonce_are_fresh_each_time()
    {
        byte[] first = Convert.FromBase64String(ToStandardBase64(PinCipher.Encrypt("same", "1111", Iterations)));
        byte[] second = Convert.FromBase64String(ToStandardBase64(PinCipher.Encrypt("same", "1111", Iterations)));
        Assert.NotEqual(first[..32], second[..32]);
        Assert.NotEqual(first[32..44], second[32..44]);
    }

    [Fact]
    public void Wrong_pin_or_iteration_count_is_rejected()
    {
        string encrypted = PinCipher.Encrypt("secret", "1234", Iterations);
        Assert.False(PinCipher.TryDecrypt(encrypted, "1235", Iterations, out string data));
        Assert.Equal(string.Empty, data);
        Assert.False(PinCipher.TryDecrypt(encrypted, "", Iterations, out _));
        Assert.False(PinCipher.TryDecrypt(encrypted, "12345", Iterations, out _));
        Assert.False(PinCipher.TryDecrypt(encrypted, "1234", Iterations + 1, out _));
        Assert.True(PinCipher.TryDecrypt(encrypted, "1234", Iterations, out _));
    }

    [Fact]
    public void Any_flipped_bit_is_rejected()
    {
        string encrypted = PinCipher.Encrypt("tamper me", "9999", 1);
        byte[] raw = Convert.FromBase64String(ToStandardBase64(encrypted));
        Prop.ForAll(Gen.Choose(0, (raw.Length * 8) - 1).ToArbitrary(), bit =>
        {
            byte[] changed = (byte[])raw.Clone();
            changed[bit / 8] ^= (byte)(1 << (bit % 8));
            return !PinCipher.TryDecrypt(Base64Url.Encode(changed), "9999", 1, out string data) && data.Length == 0;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void Bad_base64_and_short_input_are_rejected()
    {
        string encrypted = PinCipher.Encrypt("", "1", 1);
        byte[] raw = Convert.FromBase64String(ToStandardBase64(encrypted));
        Assert.Equal(60, raw.Length);
        Assert.True(PinCipher.TryDecrypt(encrypted, "1", 1, out string empty));
        Assert.Equal(string.Empty, empty);

        for (int length = 0; length < raw.Length; length++)
        {
            Assert.False(PinCipher.TryDecrypt(Base64Url.Encode(raw.AsSpan(0, length)), "1", 1, out _));
        }

        Assert.False(PinCipher.TryDecrypt("not*base64", "1", 1, out _));
        Assert.False(PinCipher.TryDecrypt(encrypted + "A", "1", 1, out _));
        Assert.False(PinCipher.TryDecrypt(string.Empty, "1", 1, out _));
        Assert.False(PinCipher.TryDecrypt(null!, "1", 1, out _));
    }

    [Fact]
    public void Standard_and_padded_base64_are_accepted_as_mosip_does()
    {
        string encrypted = PinCipher.Encrypt("lenient", "2468", Iterations);
        string standard = ToStandardBase64(encrypted);
        Assert.True(PinCipher.TryDecrypt(standard, "2468", Iterations, out string a));
        Assert.True(PinCipher.TryDecrypt(standard.TrimEnd('='), "2468", Iterations, out string b));
        Assert.Equal("lenient", a);
        Assert.Equal("lenient", b);
    }

    [Fact]
    public void An_unpaired_surrogate_in_the_pin_counts_as_a_question_mark_as_in_java()
    {
        // Java's String.getBytes(UTF_8) writes '?' for it; .NET's default UTF-8 would write U+FFFD.
        string encrypted = PinCipher.Encrypt("data", "12\uD800", 1);
        Assert.True(PinCipher.TryDecrypt(encrypted, "12?", 1, out string data));
        Assert.Equal("data", data);
        Assert.False(PinCipher.TryDecrypt(encrypted, "12\uFFFD", 1, out _));
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PinCipher.Encrypt("a", "1", 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PinCipher.TryDecrypt("a", "1", 0, out _));
        Assert.Throws<ArgumentNullException>(() => PinCipher.Encrypt(null!, "1", 1));
        Assert.Throws<ArgumentNullException>(() => PinCipher.Encrypt("a", null!, 1));
        Assert.Throws<ArgumentNullException>(() => PinCipher.TryDecrypt("a", null!, 1, out _));
    }

    [Fact]
    public void Python_decrypts_what_we_encrypt()
    {
        var cases = Texts.SelectMany(t => Pins.Select(p => (Text: t, Pin: p))).ToList();
        var requests = cases.Select(c => ("dec", PinCipher.Encrypt(c.Text, c.Pin, Iterations), c.Pin, Iterations)).ToList();
        requests.Add(("dec", PinCipher.Encrypt("x", "1234", Iterations), "4321", Iterations)); // control: wrong PIN

        IReadOnlyList<string?> results = PythonPin.Run(requests);

        for (int i = 0; i < cases.Count; i++)
        {
            Assert.Equal(cases[i].Text, results[i]);
        }

        Assert.Null(results[^1]);
    }

    [Fact]
    public void We_decrypt_what_python_encrypts()
    {
        var cases = Texts.SelectMany(t => Pins.Select(p => (Text: t, Pin: p))).ToList();
        IReadOnlyList<string?> results = PythonPin.Run(cases.Select(c => ("enc", c.Text, c.Pin, Iterations)).ToList());

        for (int i = 0; i < cases.Count; i++)
        {
            Assert.True(PinCipher.TryDecrypt(results[i]!, cases[i].Pin, Iterations, out string data));
            Assert.Equal(cases[i].Text, data);
            Assert.False(PinCipher.TryDecrypt(results[i]!, cases[i].Pin + "0", Iterations, out _));
        }
    }

    [Fact]
    public void Python_and_we_agree_with_mosips_default_of_100000_iterations()
    {
        IReadOnlyList<string?> fromPython = PythonPin.Run([("enc", "hundred thousand", "7890", 100_000)]);
        Assert.True(PinCipher.TryDecrypt(fromPython[0]!, "7890", 100_000, out string data));
        Assert.Equal("hundred thousand", data);
        IReadOnlyList<string?> toPython = PythonPin.Run([("dec", PinCipher.Encrypt("back", "7890", 100_000), "7890", 100_000)]);
        Assert.Equal("back", toPython[0]);
    }

    // Java's String.getBytes(UTF_8) turns each unpaired surrogate into '?'; everything else survives UTF-8.
    private static string AsJavaEncodesIt(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(text[i]).Append(text[++i]);
            }
            else
            {
                builder.Append(char.IsSurrogate(text[i]) ? '?' : text[i]);
            }
        }

        return builder.ToString();
    }

    private static string ToStandardBase64(string base64Url)
    {
        string s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight((s.Length + 3) / 4 * 4, '=');
    }
}
