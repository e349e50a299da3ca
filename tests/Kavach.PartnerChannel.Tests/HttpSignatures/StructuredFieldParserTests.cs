using FsCheck;
using FsCheck.Fluent;
using Kavach.PartnerChannel.HttpSignatures;

namespace Kavach.PartnerChannel.Tests.HttpSignatures;

public sealed class StructuredFieldParserTests
{
    [Fact]
    public void Parses_a_signature_input_dictionary()
    {
        Assert.True(StructuredFieldParser.TryParseDictionary(
            "sig1=(\"@method\" \"@target-uri\" \"signature\";req;key=\"sig1\");created=1618884473;keyid=\"k\", sig2=:AQID:, flag",
            out IReadOnlyList<SfMember>? dictionary));

        Assert.Equal(["sig1", "sig2", "flag"], dictionary.Select(m => m.Key));
        SfMember sig1 = dictionary[0];
        Assert.Equal(3, sig1.InnerList!.Count);
        Assert.Equal("signature", sig1.InnerList[2].Value);
        Assert.Equal(true, sig1.InnerList[2].Parameter("req"));
        Assert.Equal("sig1", sig1.InnerList[2].Parameter("key"));
        Assert.Equal(1618884473L, sig1.Parameter("created"));
        Assert.Equal(new byte[] { 1, 2, 3 }, (byte[])dictionary[1].Value!);
        Assert.Equal(true, dictionary[2].Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("sig1=:AQID:, sig1=:AQID:")]
    [InlineData("sig1=(\"a\");created=1;created=2")]
    [InlineData("sig1=(\"a\"),")]
    [InlineData("sig1=(\"a\" \"b\"")]
    [InlineData("sig1=(\"a\"\"b\")")]
    [InlineData("Sig1=:AQID:")]
    [InlineData("sig1=\"unterminated")]
    [InlineData("sig1=\"bad \\n escape\"")]
    [InlineData("sig1=:AQ ID:")]
    [InlineData("sig1=:AQI:")]
    [InlineData("sig1=:AQ-_:")]
    [InlineData("sig1=1.5")]
    [InlineData("sig1=1234567890123456")]
    [InlineData("sig1=?2")]
    [InlineData("sig1=:AQID: x")]
    [InlineData("sig1=:AQID:;")]
    [InlineData("sig1=\"caf\u00e9\"")]
    public void Refuses_malformed_or_ambiguous_dictionaries(string text)
    {
        Assert.False(StructuredFieldParser.TryParseDictionary(text, out _));
    }

    private static readonly Gen<string> Names =
        from first in Gen.Elements("abcdefghijklmnopqrstuvwxyz@".ToCharArray())
        from rest in Gen.ArrayOf(Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789-_.".ToCharArray()))
        select first + new string(rest);

    private static readonly Gen<object> BareItems = Gen.OneOf(
        ArbMap.Default.GeneratorFor<long>().Select(l => (object)(l % 999_999_999_999_999L)),
        Gen.ArrayOf(Gen.Choose(0x20, 0x7E).Select(c => (char)c)).Select(c => (object)new string(c)),
        Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>()).Select(b => (object)b),
        ArbMap.Default.GeneratorFor<bool>().Select(b => (object)b),
        Names.Where(n => n[0] != '@').Select(n => (object)new SfToken(n)));

    private static readonly Gen<IReadOnlyList<SfParameter>> Parameters =
        Gen.ListOf(Gen.Zip(Names.Where(n => n[0] != '@'), BareItems).Select(p => new SfParameter(p.Item1, p.Item2)))
            .Select(list => (IReadOnlyList<SfParameter>)list.DistinctBy(p => p.Name).ToList());

    [Fact]
    public void Serialized_inner_lists_parse_back_to_the_same_serialization()
    {
        Gen<(IReadOnlyList<SfItem> Items, IReadOnlyList<SfParameter> Parameters)> lists =
            from items in Gen.ListOf(Gen.Zip(Names, Parameters).Select(p => new SfItem(p.Item1, p.Item2)))
            from parameters in Parameters
            select ((IReadOnlyList<SfItem>)items, parameters);

        Prop.ForAll(lists.ToArbitrary(), list =>
        {
            string serialized = StructuredFieldSerializer.InnerList(list.Items, list.Parameters);
            return StructuredFieldParser.TryParseDictionary("sig1=" + serialized, out IReadOnlyList<SfMember>? parsed)
                && StructuredFieldSerializer.MemberValue(parsed.Single()) == serialized;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }
}
