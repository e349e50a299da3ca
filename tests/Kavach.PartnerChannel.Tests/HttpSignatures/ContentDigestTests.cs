using FsCheck;
using FsCheck.Fluent;
using Kavach.PartnerChannel.HttpSignatures;

namespace Kavach.PartnerChannel.Tests.HttpSignatures;

public sealed class ContentDigestTests
{
    [Fact]
    public void Rfc9530_example_digest_is_reproduced()
    {
        Assert.Equal("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:", ContentDigest.Create("{\"hello\": \"world\"}"u8));
        Assert.Equal("sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:", ContentDigest.Create([]));
    }

    [Fact]
    public void Other_algorithms_are_ignored_but_sha256_is_required()
    {
        Assert.True(ContentDigest.Matches("sha-512=:AQID:, sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:", "{\"hello\": \"world\"}"u8));
        Assert.False(ContentDigest.Matches("sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:", "{\"hello\": \"world\"}"u8));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=")]
    [InlineData("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:, sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:")]
    [InlineData("sha-256=:AQID:")]
    [InlineData("sha-256=\"X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=\"")]
    public void Malformed_fields_do_not_match(string? field)
    {
        Assert.False(ContentDigest.Matches(field, "{\"hello\": \"world\"}"u8));
    }

    [Fact]
    public void A_digest_matches_its_body_and_no_other()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), ArbMap.Default.ArbFor<byte[]>(), (body, other) =>
        {
            string digest = ContentDigest.Create(body);
            return ContentDigest.Matches(digest, body) && (body.AsSpan().SequenceEqual(other) || !ContentDigest.Matches(digest, other));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }
}
