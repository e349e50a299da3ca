using Kavach.PartnerChannel.HttpSignatures;

namespace Kavach.PartnerChannel.Tests.HttpSignatures;

/// <summary>Signature bases checked character for character: RFC 9421's own examples and the contract's two.</summary>
public sealed class SignatureBaseTests
{
    private static string? Field(string name) => name switch
    {
        "content-digest" => "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:",
        "content-length" => "18",
        "content-type" => "application/json",
        _ => null,
    };

    [Fact]
    public void Rfc9421_section_2_5_example_base_is_reproduced_exactly()
    {
        Assert.True(HttpSignatureHeaders.TryRead(
            "sig1=(\"@method\" \"@authority\" \"@path\" \"content-digest\" \"content-length\" \"content-type\");created=1618884473;keyid=\"test-key-rsa-pss\"",
            "sig1=:AQID:", "sig1", out HttpSignatureInput? input));
        var request = new HttpMessageView("POST", "https://example.com/foo?param=Value&Pet=dog", null, Field);

        byte[]? signatureBase = SignatureBase.Build(input, request, null);

        Assert.Equal(
            "\"@method\": POST\n" +
            "\"@authority\": example.com\n" +
            "\"@path\": /foo\n" +
            "\"content-digest\": sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:\n" +
            "\"content-length\": 18\n" +
            "\"content-type\": application/json\n" +
            "\"@signature-params\": (\"@method\" \"@authority\" \"@path\" \"content-digest\" \"content-length\" \"content-type\");created=1618884473;keyid=\"test-key-rsa-pss\"",
            System.Text.Encoding.ASCII.GetString(signatureBase!));
    }

    [Fact]
    public void Kavach_request_base_is_exactly_the_contracts()
    {
        HttpSignatureInput input = KavachSignatureRules.RequestInput(1700000000, "AAECAwQFBgcICQoLDA0ODw", "a2V5aWQ");
        var request = new HttpMessageView("POST", "https://127.0.0.1:8443/idauth/v1/auth?x=1", null,
            n => n == "content-digest" ? "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:" : null);

        string signatureBase = System.Text.Encoding.ASCII.GetString(SignatureBase.Build(input, request, null)!);

        Assert.Equal(
            "\"@method\": POST\n" +
            "\"@target-uri\": https://127.0.0.1:8443/idauth/v1/auth?x=1\n" +
            "\"content-digest\": sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:\n" +
            "\"@signature-params\": (\"@method\" \"@target-uri\" \"content-digest\");created=1700000000;nonce=\"AAECAwQFBgcICQoLDA0ODw\";keyid=\"a2V5aWQ\";alg=\"rsa-v1_5-sha256\";tag=\"kavach-request\"",
            signatureBase);
        Assert.Equal(
            "sig1=(\"@method\" \"@target-uri\" \"content-digest\");created=1700000000;nonce=\"AAECAwQFBgcICQoLDA0ODw\";keyid=\"a2V5aWQ\";alg=\"rsa-v1_5-sha256\";tag=\"kavach-request\"",
            input.SignatureInputField);
    }

    [Fact]
    public void Kavach_response_base_covers_the_requests_components_and_signature()
    {
        HttpSignatureInput input = KavachSignatureRules.ResponseInput(1700000001, "c2VydmVy");
        var response = new HttpMessageView(null, null, 200, n => n == "content-digest" ? "sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:" : null);
        var request = new HttpMessageView("GET", "https://example.com/status", null,
            n => n == "signature" ? "sig1=:AQID:, other=:BAUG:" : null);

        string signatureBase = System.Text.Encoding.ASCII.GetString(SignatureBase.Build(input, response, request)!);

        Assert.Equal(
            "\"@status\": 200\n" +
            "\"content-digest\": sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:\n" +
            "\"@method\";req: GET\n" +
            "\"@target-uri\";req: https://example.com/status\n" +
            "\"signature\";req;key=\"sig1\": :AQID:\n" +
            "\"@signature-params\": (\"@status\" \"content-digest\" \"@method\";req \"@target-uri\";req \"signature\";req;key=\"sig1\");created=1700000001;keyid=\"c2VydmVy\";alg=\"rsa-v1_5-sha256\";tag=\"kavach-response\"",
            signatureBase);
    }

    [Fact]
    public void Derived_components_of_the_target_uri_follow_rfc9421()
    {
        Assert.True(HttpSignatureHeaders.TryRead("sig1=(\"@scheme\" \"@authority\" \"@path\" \"@query\")", "sig1=:AQID:", "sig1", out HttpSignatureInput? input));
        var request = new HttpMessageView("GET", "HTTPS://Example.COM:8443/a%20b?c=d", null, _ => null);

        string signatureBase = System.Text.Encoding.ASCII.GetString(SignatureBase.Build(input, request, null)!);

        Assert.StartsWith("\"@scheme\": https\n\"@authority\": example.com:8443\n\"@path\": /a%20b\n\"@query\": ?c=d\n", signatureBase, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sig1=(\"@status\")")]
    [InlineData("sig1=(\"x-missing\")")]
    [InlineData("sig1=(\"Content-Type\")")]
    [InlineData("sig1=(\"@method\";req)")]
    [InlineData("sig1=(\"@unknown\")")]
    [InlineData("sig1=(\"content-digest\";key=\"sha-512\")")]
    public void Components_that_are_absent_or_unknown_give_no_base(string signatureInput)
    {
        Assert.True(HttpSignatureHeaders.TryRead(signatureInput, "sig1=:AQID:", "sig1", out HttpSignatureInput? input));
        var request = new HttpMessageView("GET", "https://example.com/", null, _ => null);

        Assert.Null(SignatureBase.Build(input, request, null));
    }

    [Theory]
    [InlineData("sig1=(\"@method\")", null)]
    [InlineData(null, "sig1=:AQID:")]
    [InlineData("sig1=(\"@method\")", "sig2=:AQID:")]
    [InlineData("sig1=(\"@method\" \"@method\")", "sig1=:AQID:")]
    [InlineData("sig1=(\"@method\";bs)", "sig1=:AQID:")]
    [InlineData("sig1=(\"@method\";sf)", "sig1=:AQID:")]
    [InlineData("sig1=(\"@method\" @path)", "sig1=:AQID:")]
    [InlineData("sig1=\"@method\"", "sig1=:AQID:")]
    [InlineData("sig1=(\"@method\")", "sig1=\"AQID\"")]
    [InlineData("sig1=(\"@method\")", "sig1=::")]
    [InlineData("sig1=(\"@method\")", "sig1=:AQID:;x=1")]
    [InlineData("sig1=(\"@method\"), sig1=(\"@path\")", "sig1=:AQID:")]
    public void Header_pairs_that_are_malformed_are_refused(string? signatureInput, string? signature)
    {
        Assert.False(HttpSignatureHeaders.TryRead(signatureInput, signature, "sig1", out _));
    }
}
