using System.Text;
using Kavach.Crypto.Jose;

namespace Kavach.Crypto.Tests.Jose;

public sealed class JoseHeaderTests
{
    [Fact]
    public void Writes_mosip_jwe_header_members_in_insertion_order_byte_for_byte()
    {
        var header = new JoseHeader()
            .Add("cty", "JWT")
            .Add("typ", "JWT")
            .Add("alg", "RSA-OAEP-256")
            .Add("enc", "A256GCM")
            .Add("kid", "q1-_w")
            .Add("zip", "DEF")
            .Add("x5c", ["MIIB+/8="])
            .Add("x5t#S256", "q1-_w")
            .Add("jku", "https://example.org/jwks.json");

        Assert.Equal(
            """{"cty":"JWT","typ":"JWT","alg":"RSA-OAEP-256","enc":"A256GCM","kid":"q1-_w","zip":"DEF","x5c":["MIIB+/8="],"x5t#S256":"q1-_w","jku":"https://example.org/jwks.json"}""",
            Encoding.UTF8.GetString(header.ToUtf8Json()));
    }

    [Fact]
    public void Writes_mosip_jwt_sign_header_in_the_1_3_order()
    {
        var header = new JoseHeader()
            .Add("alg", "RS256")
            .Add("x5c", ["AAEC", "AwQF"])
            .Add("x5t#S256", "abc")
            .Add("x5u", "https://example.org/c.pem")
            .Add("kid", "InWXNx265PpHJBpmZd0BpXte4i8antMfTk1IAnbeYWw");

        Assert.Equal(
            """{"alg":"RS256","x5c":["AAEC","AwQF"],"x5t#S256":"abc","x5u":"https://example.org/c.pem","kid":"InWXNx265PpHJBpmZd0BpXte4i8antMfTk1IAnbeYWw"}""",
            Encoding.UTF8.GetString(header.ToUtf8Json()));
    }

    [Fact]
    public void Writes_the_old_1_2_order_when_built_that_way()
    {
        var header = new JoseHeader().Add("x5c", ["AAEC"]).Add("kid", "k").Add("alg", "RS256");

        Assert.Equal("""{"x5c":["AAEC"],"kid":"k","alg":"RS256"}""", Encoding.UTF8.GetString(header.ToUtf8Json()));
    }

    [Fact]
    public void Writes_jws_sign_header_with_boolean_b64_and_crit_array()
    {
        var header = new JoseHeader().Add("alg", "PS256").Add("b64", false).Add("crit", ["b64"]).Add("kid", "k1");

        Assert.Equal("""{"alg":"PS256","b64":false,"crit":["b64"],"kid":"k1"}""", Encoding.UTF8.GetString(header.ToUtf8Json()));
        Assert.Equal(["alg", "b64", "crit", "kid"], header.Names);
    }

    [Fact]
    public void Writes_slash_plus_and_non_ascii_literally_and_escapes_only_what_json_requires()
    {
        var header = new JoseHeader().Add("kid", "a+b/c=<d>&'é").Add("x", "q\"b\\s");

        Assert.Equal("{\"kid\":\"a+b/c=<d>&'é\",\"x\":\"q\\\"b\\\\s\"}", Encoding.UTF8.GetString(header.ToUtf8Json()));
    }

    [Fact]
    public void Refuses_duplicate_member_names_and_null_values()
    {
        var header = new JoseHeader().Add("alg", "RS256");

        Assert.Throws<ArgumentException>(() => header.Add("alg", "PS256"));
        Assert.Throws<ArgumentException>(() => header.Add("alg", true));
        Assert.Throws<ArgumentException>(() => header.Add("", "x"));
        Assert.Throws<ArgumentNullException>(() => header.Add("kid", (string)null!));
        Assert.Throws<ArgumentException>(() => header.Add("x5c", [null!]));
    }

    [Fact]
    public void Copies_array_values_when_added()
    {
        string[] chain = ["AAEC"];
        var header = new JoseHeader().Add("x5c", chain);
        chain[0] = "changed";

        Assert.Equal("""{"x5c":["AAEC"]}""", Encoding.UTF8.GetString(header.ToUtf8Json()));
    }

    [Fact]
    public void Parses_registered_members_and_keeps_member_order()
    {
        byte[] json = Encoding.UTF8.GetBytes(
            """{"typ":"JWT","alg":"ES256K","kid":"k","x5c":["AAEC","AwQF"],"x5t#S256":"t","b64":false,"crit":["b64"],"zip":"DEF","enc":"A256GCM","cty":"JWT","custom":{"n":1}}""");

        Assert.True(JoseHeader.TryParse(json, out ParsedJoseHeader? header));
        Assert.Equal(["typ", "alg", "kid", "x5c", "x5t#S256", "b64", "crit", "zip", "enc", "cty", "custom"], header.MemberNames);
        Assert.Equal("ES256K", header.Alg);
        Assert.Equal("k", header.Kid);
        Assert.Equal(["AAEC", "AwQF"], header.X5c!);
        Assert.Equal("t", header.X5tS256);
        Assert.False(header.B64);
        Assert.Equal(["b64"], header.Crit!);
        Assert.Equal("DEF", header.Zip);
        Assert.Equal("A256GCM", header.Enc);
        Assert.Equal("JWT", header.Cty);
        Assert.Equal("JWT", header.Typ);
        Assert.True(header.TryGetMember("custom", out var custom));
        Assert.Equal(1, custom.GetProperty("n").GetInt32());
        Assert.False(header.TryGetString("custom", out _));
        Assert.True(header.TryGetString("typ", out string? typ));
        Assert.Equal("JWT", typ);
    }

    [Fact]
    public void B64_defaults_to_true_and_absent_members_are_null()
    {
        Assert.True(JoseHeader.TryParse("""{"alg":"RS256"}"""u8, out ParsedJoseHeader? header));

        Assert.True(header.B64);
        Assert.Null(header.Kid);
        Assert.Null(header.X5c);
        Assert.Null(header.Crit);
        Assert.False(header.Contains("b64"));
    }

    [Fact]
    public void Parsing_what_the_writer_wrote_gives_back_the_same_members()
    {
        var written = new JoseHeader().Add("alg", "EdDSA").Add("b64", true).Add("crit", ["b64"]).Add("x5c", ["AAEC"]).Add("kid", "é/+");

        Assert.True(JoseHeader.TryParse(written.ToUtf8Json(), out ParsedJoseHeader? parsed));
        Assert.Equal(written.Names, parsed.MemberNames);
        Assert.Equal("é/+", parsed.Kid);
        Assert.True(parsed.B64);
    }

    [Theory]
    [InlineData("""{"alg":"RS256","alg":"PS256"}""")]
    [InlineData("""{"alg":"RS256","\u0061lg":"PS256"}""")]
    [InlineData("""{"alg":"RS256","jwk":{"n":"a","n":"b"}}""")]
    [InlineData("""[{"alg":"RS256"}]""")]
    [InlineData("\"alg\"")]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("{")]
    [InlineData("""{"alg":"RS256"}x""")]
    [InlineData("""{"alg":"RS256"}{}""")]
    [InlineData("""{"alg":"RS256",}""")]
    [InlineData("""{"alg":"RS256" /* c */}""")]
    [InlineData("""{'alg':'RS256'}""")]
    [InlineData("""{"alg":256}""")]
    [InlineData("""{"alg":null}""")]
    [InlineData("""{"kid":["a"]}""")]
    [InlineData("""{"enc":1}""")]
    [InlineData("""{"zip":true}""")]
    [InlineData("""{"x5t#S256":{}}""")]
    [InlineData("""{"b64":"false"}""")]
    [InlineData("""{"b64":0}""")]
    [InlineData("""{"x5c":"AAEC"}""")]
    [InlineData("""{"x5c":[]}""")]
    [InlineData("""{"x5c":["AAEC",1]}""")]
    [InlineData("""{"crit":"b64"}""")]
    [InlineData("""{"crit":[]}""")]
    [InlineData("""{"crit":["b64","b64"]}""")]
    [InlineData("""{"crit":[null]}""")]
    public void Refuses_malformed_headers(string json)
    {
        Assert.False(JoseHeader.TryParse(Encoding.UTF8.GetBytes(json), out ParsedJoseHeader? header));
        Assert.Null(header);
    }

    [Fact]
    public void Refuses_invalid_utf8_and_a_byte_order_mark()
    {
        Assert.False(JoseHeader.TryParse([(byte)'{', (byte)'"', 0xC3, (byte)'"', (byte)':', (byte)'1', (byte)'}'], out _));
        Assert.False(JoseHeader.TryParse([(byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xFF, (byte)'"', (byte)'}'], out _));
        Assert.False(JoseHeader.TryParse([0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}'], out _));
    }

    [Theory]
    [InlineData("""{"alg":"RS256","kid":"\uD800"}""")]
    [InlineData("""{"alg":"RS256","x5c":["\uDFFF"]}""")]
    [InlineData("""{"\uDC00":1,"alg":"RS256"}""")]
    [InlineData("""{"alg":"RS256","ext":{"a":["\uD83D x"]}}""")]
    public void Refuses_escaped_lone_surrogates_instead_of_throwing_later(string json)
    {
        Assert.False(JoseHeader.TryParse(Encoding.UTF8.GetBytes(json), out ParsedJoseHeader? header));
        Assert.Null(header);
    }

    [Fact]
    public void Refuses_nesting_deeper_than_sixteen_levels()
    {
        string deep = "{\"x\":" + new string('[', 40) + new string(']', 40) + "}";

        Assert.False(JoseHeader.TryParse(Encoding.UTF8.GetBytes(deep), out _));
    }

    [Fact]
    public void Decodes_x5c_in_either_alphabet_with_or_without_padding_as_MOSIP_does()
    {
        byte[] der = [0xFB, 0xEF, 0xFF, 0x30];
        Assert.True(JoseHeader.TryParse(Encoding.UTF8.GetBytes("""{"x5c":["++//MA==","AAEC","--__MA","++// MA"]}"""), out ParsedJoseHeader? header));

        Assert.True(header.TryDecodeX5c(out IReadOnlyList<byte[]>? certificates));
        Assert.Equal(der, certificates[0]);
        Assert.Equal(new byte[] { 0, 1, 2 }, certificates[1]);
        Assert.Equal(der, certificates[2]);
        Assert.Equal(der, certificates[3]);

        foreach (string bad in new[] { "", "=", "M", "MA$$", "MA=A" })
        {
            Assert.True(JoseHeader.TryParse(Encoding.UTF8.GetBytes($$"""{"x5c":["AAEC","{{bad}}"]}"""), out ParsedJoseHeader? badHeader));
            Assert.False(badHeader.TryDecodeX5c(out _), bad);
        }

        Assert.True(JoseHeader.TryParse("""{"alg":"RS256"}"""u8, out ParsedJoseHeader? none));
        Assert.False(none.TryDecodeX5c(out _));
    }
}
