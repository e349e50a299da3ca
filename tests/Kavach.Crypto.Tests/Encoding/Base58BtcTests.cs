using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Kavach.Crypto.Encodings;
using Kavach.Crypto.Tests.TestSupport;

namespace Kavach.Crypto.Tests.Encodings;

public sealed class Base58BtcTests
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(500);

    // Random bytes, often with leading zero bytes, which base58 treats specially.
    private static readonly Arbitrary<byte[]> BytesWithLeadingZeros =
        (from zeros in Gen.Choose(0, 4)
         from body in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>())
         select new byte[zeros].Concat(body).ToArray()).ToArbitrary();

    // Bitcoin Core's src/test/data/base58_encode_decode.json.
    [Theory]
    [InlineData("", "")]
    [InlineData("61", "2g")]
    [InlineData("626262", "a3gV")]
    [InlineData("636363", "aPEr")]
    [InlineData("73696d706c792061206c6f6e6720737472696e67", "2cFupjhnEsSn59qHXstmK2ffpLv2")]
    [InlineData("00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L")]
    [InlineData("516b6fcd0f", "ABnLTmg")]
    [InlineData("bf4f89001e670274dd", "3SEo3LWLoPntC")]
    [InlineData("572e4794", "3EFU7m")]
    [InlineData("ecac89cad93923c02321", "EJDM8drfXA6uyA")]
    [InlineData("10c8511e", "Rt5zm")]
    [InlineData("00000000000000000000", "1111111111")]
    [InlineData("000111d38e5fc9071ffcd20b4a763cc9ae4f252bb4e48fd66a835e252ada93ff480d6dd43dc62a641155a5", Alphabet)]
    [InlineData("00010966776006953d5567439e5e39f86a0d273beed61967f6", "16UwLL9Risc3QfPqBUvKofHmBQ7wMtjvM")] // Bitcoin wiki's address example
    public void Bitcoin_test_vectors(string hex, string base58)
    {
        Assert.Equal(base58, Base58Btc.Encode(Bytes.FromHex(hex)));
        Assert.True(Base58Btc.TryDecode(base58, out byte[] decoded));
        Assert.Equal(hex, Bytes.Hex(decoded));
    }

    // draft-msporny-base58 (IETF), section 5.
    [Theory]
    [InlineData("Hello World!", "2NEpo7TZRRrLZSi2U")]
    [InlineData("The quick brown fox jumps over the lazy dog.", "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z")]
    public void Ietf_draft_text_vectors(string text, string base58)
    {
        byte[] bytes = System.Text.Encoding.ASCII.GetBytes(text);
        Assert.Equal(base58, Base58Btc.Encode(bytes));
        Assert.True(Base58Btc.TryDecode(base58, out byte[] decoded));
        Assert.Equal(bytes, decoded);
    }

    [Fact]
    public void Ietf_draft_leading_zeros_vector()
    {
        // draft-msporny-base58-02 prints "111233QC4", a known typo: two zero bytes give two '1's (0x287fb4cd is "233QC4").
        byte[] bytes = Bytes.FromHex("0000287fb4cd");
        Assert.Equal("11233QC4", Base58Btc.Encode(bytes));
        Assert.True(Base58Btc.TryDecode("11233QC4", out byte[] decoded));
        Assert.Equal(bytes, decoded);
    }

    [Fact]
    public void Each_leading_zero_byte_is_a_one()
    {
        for (int zeros = 0; zeros < 40; zeros++)
        {
            byte[] data = [.. new byte[zeros], 0x61];
            Assert.Equal(new string('1', zeros) + "2g", Base58Btc.Encode(data));
            Assert.Equal(new string('1', zeros), Base58Btc.Encode(new byte[zeros]));
        }
    }

    [Fact]
    public void Multibase_is_z_plus_base58btc()
    {
        Assert.Equal("z2NEpo7TZRRrLZSi2U", Base58Btc.EncodeMultibase("Hello World!"u8));
        Assert.Equal("z", Base58Btc.EncodeMultibase([]));
        Assert.True(Base58Btc.TryDecodeMultibase("z11233QC4", out byte[] decoded));
        Assert.Equal(Bytes.FromHex("0000287fb4cd"), decoded);
        Assert.False(Base58Btc.TryDecodeMultibase("11233QC4", out _));
        Assert.False(Base58Btc.TryDecodeMultibase("u2NEpo7TZRRrLZSi2U", out _));
        Assert.False(Base58Btc.TryDecodeMultibase("", out _));
        Assert.False(Base58Btc.TryDecodeMultibase(null, out _));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("O")]
    [InlineData("I")]
    [InlineData("l")]
    [InlineData("2g0")]
    [InlineData("+")]
    [InlineData(" 2g")]
    [InlineData("2g ")]
    [InlineData("2g\n")]
    [InlineData("2é")]
    [InlineData("z2g=")]
    public void Characters_outside_the_alphabet_are_rejected(string text)
    {
        Assert.False(Base58Btc.TryDecode(text, out byte[] data));
        Assert.Empty(data);
    }

    [Fact]
    public void Null_is_rejected_and_empty_is_empty()
    {
        Assert.False(Base58Btc.TryDecode(null, out _));
        Assert.True(Base58Btc.TryDecode(string.Empty, out byte[] empty));
        Assert.Empty(empty);
        Assert.Equal(string.Empty, Base58Btc.Encode([]));
    }

    [Fact]
    public void Round_trips() =>
        Prop.ForAll(BytesWithLeadingZeros, data =>
            Base58Btc.TryDecode(Base58Btc.Encode(data), out byte[] decoded) && decoded.AsSpan().SequenceEqual(data))
        .Check(Runs);

    [Fact]
    public void Agrees_with_a_big_integer_reference() =>
        Prop.ForAll(BytesWithLeadingZeros, data => Base58Btc.Encode(data) == Reference(data)).Check(Runs);

    [Fact]
    public void Decodes_any_string_of_the_alphabet_to_what_encodes_back() =>
        Prop.ForAll(Gen.ArrayOf(Gen.Elements(Alphabet.ToCharArray())).Select(c => new string(c)).ToArbitrary(), text =>
            Base58Btc.TryDecode(text, out byte[] data) && Base58Btc.Encode(data) == text)
        .Check(Runs);

    [Fact]
    public void Encodes_a_64_byte_signature_and_a_large_input()
    {
        var random = new Random(58);
        foreach (int length in new[] { 64, 256, 512, 5000 })
        {
            byte[] data = Bytes.Random(random, length);
            string text = Base58Btc.Encode(data);
            Assert.Equal(Reference(data), text);
            Assert.True(Base58Btc.TryDecode(text, out byte[] decoded));
            Assert.Equal(data, decoded);
        }
    }

    // The textbook definition: the big-endian number in base 58, plus one '1' per leading zero byte.
    private static string Reference(byte[] data)
    {
        int zeros = data.TakeWhile(b => b == 0).Count();
        var value = new BigInteger(data, isUnsigned: true, isBigEndian: true);
        var digits = new List<char>();
        while (value > 0)
        {
            digits.Add(Alphabet[(int)(value % 58)]);
            value /= 58;
        }

        digits.Reverse();
        return new string('1', zeros) + new string([.. digits]);
    }
}
