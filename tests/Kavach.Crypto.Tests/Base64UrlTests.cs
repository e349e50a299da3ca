using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Kavach.Crypto.Tests.TestSupport;

namespace Kavach.Crypto.Tests;

public sealed class Base64UrlTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(500);

    private static readonly Arbitrary<byte[]> AnyBytes = ArbMap.Default.ArbFor<byte[]>();

    [Fact]
    public void Encode_is_unpadded_base64url_and_round_trips() =>
        Prop.ForAll(AnyBytes, data =>
        {
            string encoded = Base64Url.Encode(data);
            string reference = Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            return encoded == reference
                && Base64Url.TryDecodeUrlSafe(encoded, out byte[] decoded)
                && decoded.AsSpan().SequenceEqual(data);
        }).Check(Runs);

    [Fact]
    public void Padded_base64url_is_accepted_too() =>
        Prop.ForAll(AnyBytes, data =>
        {
            string padded = Convert.ToBase64String(data).Replace('+', '-').Replace('/', '_');
            return Base64Url.TryDecodeUrlSafe(padded, out byte[] decoded) && decoded.AsSpan().SequenceEqual(data);
        }).Check(Runs);

    [Fact]
    public void Lenient_decoding_accepts_every_form() =>
        Prop.ForAll(AnyBytes, data =>
        {
            if (data.Length == 0)
            {
                return true; // empty is "missing" in lenient mode; covered separately
            }

            string standard = Base64Url.EncodeStandard(data);
            string[] forms = [Base64Url.Encode(data), standard, standard.TrimEnd('='), Convert.ToBase64String(data).Replace('+', '-').Replace('/', '_')];
            return forms.All(f => Base64Url.TryDecodeLenient(f, out byte[] decoded) && decoded.AsSpan().SequenceEqual(data));
        }).Check(Runs);

    [Fact]
    public void EncodeStandard_is_padded_standard_base64() =>
        Prop.ForAll(AnyBytes, data => Base64Url.EncodeStandard(data) == Convert.ToBase64String(data)).Check(Runs);

    [Theory]
    [InlineData("QQ", "41")]
    [InlineData("QQ==", "41")]
    [InlineData("QUI", "4142")]
    [InlineData("QUI=", "4142")]
    [InlineData("QUJD", "414243")]
    [InlineData("-_8", "fbff")]
    [InlineData("-_8=", "fbff")]
    public void Url_safe_decoding_known_values(string text, string hex)
    {
        Assert.True(Base64Url.TryDecodeUrlSafe(text, out byte[] data));
        Assert.Equal(hex, Bytes.Hex(data));
    }

    [Theory]
    [InlineData("+/8=")]
    [InlineData("+/8")]
    [InlineData("ab+c")]
    [InlineData("ab/c")]
    public void Url_safe_decoding_rejects_the_standard_alphabet_but_lenient_falls_back(string text)
    {
        Assert.False(Base64Url.TryDecodeUrlSafe(text, out byte[] rejected));
        Assert.Empty(rejected);
        Assert.True(Base64Url.TryDecodeLenient(text, out byte[] data));
        Assert.Equal(Convert.FromBase64String(text.PadRight((text.Length + 3) / 4 * 4, '=')), data);
    }

    [Theory]
    [InlineData("Q")]
    [InlineData("QQ=")]
    [InlineData("QQ===")]
    [InlineData("Q===")]
    [InlineData("QUJD=")]
    [InlineData("QUJDR")]
    [InlineData("=QQ")]
    [InlineData("QQ=A")]
    [InlineData("Q=Q=")]
    [InlineData("====")]
    [InlineData(" QQ")]
    [InlineData("QQ ")]
    [InlineData("Q Q")]
    [InlineData("QQ\n")]
    [InlineData("QQ\t==")]
    [InlineData("a-b+")]
    [InlineData("QQ.")]
    [InlineData("QQé")]
    [InlineData("QQ%3D")]
    public void Garbage_is_rejected_by_both_decoders(string text)
    {
        Assert.False(Base64Url.TryDecodeUrlSafe(text, out byte[] strict));
        Assert.False(Base64Url.TryDecodeLenient(text, out byte[] lenient));
        Assert.Empty(strict);
        Assert.Empty(lenient);
    }

    [Fact]
    public void Null_and_empty_inputs()
    {
        Assert.False(Base64Url.TryDecodeUrlSafe(null, out _));
        Assert.False(Base64Url.TryDecodeLenient(null, out _));
        Assert.False(Base64Url.TryDecodeLenient(string.Empty, out _));
        Assert.True(Base64Url.TryDecodeUrlSafe(string.Empty, out byte[] empty));
        Assert.Empty(empty);
        Assert.Equal(string.Empty, Base64Url.Encode([]));
    }

    [Fact]
    public void Strings_outside_both_alphabets_never_decode() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text =>
        {
            bool hasForeign = text is not null && text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '+' or '/' or '='));
            return !hasForeign || (!Base64Url.TryDecodeUrlSafe(text, out _) && !Base64Url.TryDecodeLenient(text, out _));
        }).Check(Runs);

    [Fact]
    public void Acceptance_matches_javas_decoders_which_mosip_uses()
    {
        // MOSIP decodes with java.util.Base64: the URL decoder for decodeURLSafeBase64, then the
        // basic decoder as the fallback. Compare our verdicts and bytes with Java's on tricky input.
        string[] inputs =
        [
            "QQ", "QQ==", "QQ=", "QQ===", "Q", "Q=", "Q==", "Q===", "QUI", "QUI=", "QUI==", "QUJD", "QUJD=", "QUJDRA", "QUJDRA==",
            "QR", "QR==", "QUJ", "-_8", "-_8=", "+/8", "+/8=", "a-b+", " QQ", "QQ ", "Q Q", "QQ\n", "=QQ", "QQ=A", "Q=Q=", "====",
            "QQ.", "QQé", "_-_-", "////", "AAAA", "AAAAAA",
        ];
        const string java = """
            import java.io.*;
            import java.nio.charset.StandardCharsets;
            import java.util.*;

            public class B64 {
                public static void main(String[] args) throws Exception {
                    HexFormat hex = HexFormat.of();
                    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
                    for (String line; (line = in.readLine()) != null; ) {
                        String text = new String(hex.parseHex(line.trim()), StandardCharsets.UTF_8);
                        System.out.println(decode(Base64.getUrlDecoder(), text) + " " + decode(Base64.getDecoder(), text));
                    }
                }

                static String decode(Base64.Decoder decoder, String text) {
                    try { return "ok:" + HexFormat.of().formatHex(decoder.decode(text)); }
                    catch (IllegalArgumentException e) { return "err"; }
                }
            }
            """;

        string output = ExternalTool.Java("B64", java, string.Concat(inputs.Select(i => Bytes.Hex(Encoding.UTF8.GetBytes(i)) + "\n")));
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.Equal(inputs.Length, lines.Length);
        for (int i = 0; i < inputs.Length; i++)
        {
            string[] verdicts = lines[i].Split(' ');
            string url = Base64Url.TryDecodeUrlSafe(inputs[i], out byte[] a) ? "ok:" + Bytes.Hex(a) : "err";
            string lenientJava = verdicts[0] != "err" ? verdicts[0] : verdicts[1];
            string lenient = Base64Url.TryDecodeLenient(inputs[i], out byte[] b) ? "ok:" + Bytes.Hex(b) : "err";

            Assert.True(verdicts[0] == url, $"url decoder on \"{inputs[i]}\": java {verdicts[0]}, ours {url}");
            Assert.True(lenientJava == lenient, $"lenient on \"{inputs[i]}\": java {lenientJava}, ours {lenient}");
        }
    }
}
