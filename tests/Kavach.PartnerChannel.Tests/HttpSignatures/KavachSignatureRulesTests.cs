using Kavach.PartnerChannel.HttpSignatures;

namespace Kavach.PartnerChannel.Tests.HttpSignatures;

public sealed class KavachSignatureRulesTests
{
    private const string Components = "(\"@method\" \"@target-uri\" \"content-digest\")";

    private static HttpSignatureInput Read(string signatureInput)
    {
        Assert.True(HttpSignatureHeaders.TryRead(signatureInput, "sig1=:AQID:", "sig1", out HttpSignatureInput? input));
        return input;
    }

    [Fact]
    public void The_sdks_own_request_and_response_inputs_pass()
    {
        Assert.Null(KavachSignatureRules.CheckRequest(KavachSignatureRules.RequestInput(1, KavachSignatureRules.NewNonce(), "k")));
        Assert.Null(KavachSignatureRules.CheckResponse(KavachSignatureRules.ResponseInput(1, "k")));
    }

    [Fact]
    public void More_covered_components_are_allowed()
    {
        Assert.Null(KavachSignatureRules.CheckRequest(Read("sig1=(\"@method\" \"@target-uri\" \"content-digest\" \"content-type\");created=1;nonce=\"AAAAAAAAAAAAAAAAAAAAAA\";keyid=\"k\";alg=\"rsa-v1_5-sha256\";tag=\"kavach-request\"")));
    }

    [Theory]
    [InlineData("sig1=(\"@method\" \"content-digest\");created=1;nonce=\"AAAAAAAAAAAAAAAAAAAAAA\";keyid=\"k\";alg=\"rsa-v1_5-sha256\";tag=\"kavach-request\"")]
    [InlineData("sig1=" + Components + ";nonce=\"AAAAAAAAAAAAAAAAAAAAAA\";keyid=\"k\";alg=\"rsa-v1_5-sha256\";tag=\"kavach-request\"")]
    [InlineData("sig1=" + Components + ";created=1;keyid=\"k\";alg=\"rsa-v1_5-sha256\";tag=\"kavach-request\"")]
    [InlineData("sig1=" + Components + ";created=1;nonce=\"short\";keyid=\"k\";alg=\"rsa-v1_5-sha256\";tag=\"kavach-request\"")]
    [InlineData("sig1=" + Components + ";created=1;nonce=\"AAAAAAAAAAAAAAAAAAAA+/==\";keyid=\"k\";alg=\"rsa-v1_5-sha256\";tag=\"kavach-request\"")]
    [InlineData("sig1=" + Components + ";created=1;nonce=\"AAAAAAAAAAAAAAAAAAAAAA\";alg=\"rsa-v1_5-sha256\";tag=\"kavach-request\"")]
    [InlineData("sig1=" + Components + ";created=1;nonce=\"AAAAAAAAAAAAAAAAAAAAAA\";keyid=\"k\";tag=\"kavach-request\"")]
    [InlineData("sig1=" + Components + ";created=1;nonce=\"AAAAAAAAAAAAAAAAAAAAAA\";keyid=\"k\";alg=\"rsa-pss-sha512\";tag=\"kavach-request\"")]
    [InlineData("sig1=" + Components + ";created=1;nonce=\"AAAAAAAAAAAAAAAAAAAAAA\";keyid=\"k\";alg=\"rsa-v1_5-sha256\"")]
    [InlineData("sig1=" + Components + ";created=1;nonce=\"AAAAAAAAAAAAAAAAAAAAAA\";keyid=\"k\";alg=\"rsa-v1_5-sha256\";tag=\"kavach-response\"")]
    [InlineData("sig1=" + Components + ";created=\"1\";nonce=\"AAAAAAAAAAAAAAAAAAAAAA\";keyid=\"k\";alg=\"rsa-v1_5-sha256\";tag=\"kavach-request\"")]
    [InlineData("sig1=" + Components + ";created=1;expires=2;nonce=\"AAAAAAAAAAAAAAAAAAAAAA\";keyid=\"k\";alg=\"rsa-v1_5-sha256\";tag=\"kavach-request\"")]
    [InlineData("sig1=(\"@method\";req \"@target-uri\" \"content-digest\");created=1;nonce=\"AAAAAAAAAAAAAAAAAAAAAA\";keyid=\"k\";alg=\"rsa-v1_5-sha256\";tag=\"kavach-request\"")]
    public void Request_signatures_missing_a_component_or_parameter_or_with_a_foreign_one_are_refused(string signatureInput)
    {
        Assert.NotNull(KavachSignatureRules.CheckRequest(Read(signatureInput)));
    }

    [Theory]
    [InlineData("sig1=(\"@status\" \"content-digest\" \"@method\";req \"@target-uri\";req);created=1;keyid=\"k\";alg=\"rsa-v1_5-sha256\";tag=\"kavach-response\"")]
    [InlineData("sig1=(\"@status\" \"content-digest\" \"@method\";req \"@target-uri\";req \"signature\";req;key=\"sig2\");created=1;keyid=\"k\";alg=\"rsa-v1_5-sha256\";tag=\"kavach-response\"")]
    [InlineData("sig1=(\"@status\" \"content-digest\" \"@method\" \"@target-uri\";req \"signature\";req;key=\"sig1\");created=1;keyid=\"k\";alg=\"rsa-v1_5-sha256\";tag=\"kavach-response\"")]
    [InlineData("sig1=(\"content-digest\" \"@method\";req \"@target-uri\";req \"signature\";req;key=\"sig1\");created=1;keyid=\"k\";alg=\"rsa-v1_5-sha256\";tag=\"kavach-response\"")]
    [InlineData("sig1=(\"@status\" \"content-digest\" \"@method\";req \"@target-uri\";req \"signature\";req;key=\"sig1\");created=1;keyid=\"k\";alg=\"rsa-v1_5-sha256\";tag=\"kavach-request\"")]
    public void Response_signatures_not_bound_to_the_request_are_refused(string signatureInput)
    {
        Assert.NotNull(KavachSignatureRules.CheckResponse(Read(signatureInput)));
    }
}
