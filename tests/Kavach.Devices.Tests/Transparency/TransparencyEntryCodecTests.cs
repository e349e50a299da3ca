using System.Text;
using Kavach.Devices.Transparency;

namespace Kavach.Devices.Tests.Transparency;

/// <summary>One entry has exactly one leaf: the canonical form is the only one read back.</summary>
public sealed class TransparencyEntryCodecTests
{
    private static readonly TransparencyEntry Revoked = new(
        TransparencyEventKind.CertificateRevoked,
        new DateTimeOffset(2026, 12, 7, 8, 1, 2, 345, TimeSpan.Zero),
        "SBI0000000001",
        new string('a', 64),
        "0A1B2C",
        new string('b', 64),
        "keyCompromise");

    [Fact]
    public void An_entry_encodes_to_fixed_order_compact_json_and_decodes_to_itself()
    {
        var leaf = TransparencyEntryCodec.Encode(Revoked);
        Assert.Equal(
            "{\"v\":1,\"kind\":\"certificate-revoked\",\"time\":\"2026-12-07T08:01:02.345Z\",\"serialNo\":\"SBI0000000001\",\"ftmCertSha256\":\"" + new string('a', 64) + "\",\"certSerial\":\"0A1B2C\",\"spkiSha256\":\"" + new string('b', 64) + "\",\"reason\":\"keyCompromise\"}",
            Encoding.UTF8.GetString(leaf));
        Assert.True(TransparencyEntryCodec.TryDecode(leaf, out var decoded));
        Assert.Equal(Revoked, decoded);
    }

    [Theory]
    [InlineData("{\"kind\":\"certificate-revoked\",\"v\":1,\"time\":\"2026-12-07T08:01:02.345Z\",\"serialNo\":\"S1\"}")]
    [InlineData("{\"v\":1,\"kind\":\"certificate-revoked\",\"time\":\"2026-12-07T08:01:02.345Z\",\"serialNo\":\"S1\",\"name\":\"A Person\"}")]
    [InlineData("{\"v\":1,\"kind\":\"certificate-revoked\",\"time\":\"2026-12-07T08:01:02.345Z\",\"serialNo\":\"S1\",\"serialNo\":\"S2\"}")]
    [InlineData("{\"v\":1, \"kind\":\"certificate-revoked\",\"time\":\"2026-12-07T08:01:02.345Z\",\"serialNo\":\"S1\"}")]
    [InlineData("{\"v\":2,\"kind\":\"certificate-revoked\",\"time\":\"2026-12-07T08:01:02.345Z\",\"serialNo\":\"S1\"}")]
    [InlineData("{\"v\":1,\"kind\":\"capture\",\"time\":\"2026-12-07T08:01:02.345Z\",\"serialNo\":\"S1\"}")]
    [InlineData("{\"v\":1,\"kind\":\"certificate-revoked\",\"time\":\"2026-12-07T08:01:02Z\",\"serialNo\":\"S1\"}")]
    [InlineData("[1,2]")]
    [InlineData("not json")]
    public void Non_canonical_unknown_or_repeated_members_are_refused(string json) =>
        Assert.False(TransparencyEntryCodec.TryDecode(Encoding.UTF8.GetBytes(json), out _));
}
