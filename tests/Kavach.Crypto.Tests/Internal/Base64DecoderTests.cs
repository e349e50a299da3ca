using FsCheck;
using FsCheck.Fluent;
using Kavach.Crypto.Internal;

namespace Kavach.Crypto.Tests.Internal;

/// <summary>The vectorised fast path never accepts what the strict (Java-rules) decoder refuses, nor decodes differently.</summary>
public sealed class Base64DecoderTests
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=";

    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(5_000);

    // Mostly base64 characters, a few '=' and the odd whitespace, at lengths around the quantum boundaries.
    private static readonly Arbitrary<string> NearlyBase64 =
        Gen.Choose(0, 40).SelectMany(length => Gen.ArrayOf(
                Gen.Frequency(
                    (40, Gen.Elements(Alphabet[..62].ToCharArray())),
                    (3, Gen.Elements('-', '_', '+', '/')),
                    (2, Gen.Constant('=')),
                    (1, Gen.Elements(' ', '\n', '\t', '\r'))),
                length))
            .Select(chars => new string(chars))
            .ToArbitrary();

    private static readonly Arbitrary<byte[]> Bytes = ArbMap.Default.ArbFor<byte[]>();

    [Fact]
    public void The_fast_path_agrees_with_the_strict_decoder_on_arbitrary_text() =>
        Prop.ForAll(NearlyBase64, text =>
        {
            foreach (var urlSafe in new[] { true, false })
            {
                if (Base64Decoder.TryDecodeVectorised(text, urlSafe, out var fast))
                {
                    Assert.True(Base64Decoder.TryDecodeStrict(text, urlSafe, out var strict), $"fast path accepted '{text}' (urlSafe={urlSafe})");
                    Assert.Equal(strict, fast);
                }
            }
        }).Check(Runs);

    [Fact]
    public void The_fast_path_takes_the_common_encodings() =>
        Prop.ForAll(Bytes, data =>
        {
            Assert.True(Base64Decoder.TryDecodeVectorised(System.Buffers.Text.Base64Url.EncodeToString(data), urlSafe: true, out var url));
            Assert.Equal(data, url);
            Assert.True(Base64Decoder.TryDecodeVectorised(Convert.ToBase64String(data), urlSafe: false, out var standard));
            Assert.Equal(data, standard);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));

    [Theory]
    [InlineData("QQ", true)]     // unpadded url-safe tail
    [InlineData("QQ==", true)]   // padded url-safe
    [InlineData("QR==", true)]   // unused low bits set: Java ignores them
    [InlineData("QQ=", false)]   // padding that does not complete the quantum
    [InlineData("Q", false)]     // a lone character carries 6 bits
    [InlineData("QQ==QQ==", false)] // padding inside
    [InlineData("Q Q=", false)]  // whitespace
    [InlineData("a+b/", false)]  // the other alphabet
    public void Url_safe_decoding_follows_javas_rules(string text, bool valid) =>
        Assert.Equal(valid, Base64Decoder.TryDecode(text, urlSafe: true, out _));
}
