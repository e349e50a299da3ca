using System.Text;
using Kavach.Devices.Protocol;
using Kavach.Devices.Protocol.DigitalIds;
using Kavach.Devices.Tests.Protocol.Support;

namespace Kavach.Devices.Tests.Protocol.DigitalIds;

public sealed class SignedDigitalIdTests
{
    private static readonly TestPki Pki = new(DateTimeOffset.UtcNow);
    private static readonly TestIdentity Ftm = Pki.FtmChip("1");

    internal static DigitalIdPayload Sample(string serialNo = "SN0000000001", string type = "Finger", string subType = "Slap", string? dateTime = null) =>
        new(serialNo, "MOSIP", "SLAP01", type, subType, "MOSIP", "MOSIP.PROXY.SBI", dateTime ?? DigitalIdTime.ToText(DateTimeOffset.UtcNow));

    [Fact]
    public async Task Signed_digital_id_reads_back_with_its_signer()
    {
        DigitalIdPayload payload = Sample();
        string compact = await SignedDigitalId.SignAsync(payload, Ftm.Certificate, Ftm.SignAsync, default);

        var read = SignedDigitalId.Read(compact);

        Assert.True(read.IsSuccess, read.Detail);
        Assert.Equal(payload, read.Value.Payload);
        Assert.Equal(Ftm.Certificate.RawData, read.Value.Signer.RawData);
        string header = Encoding.UTF8.GetString(Convert.FromBase64String(PadB64(compact.Split('.')[0])));
        Assert.StartsWith("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"x5c\":[\"", header);
    }

    [Fact]
    public void As_MOSIP_x5c_after_the_first_is_ignored()
    {
        string json = "{\"serialNo\":\"SN0000000001\",\"make\":\"MOSIP\",\"model\":\"SLAP01\",\"type\":\"Finger\",\"deviceSubType\":\"Slap\",\"deviceProvider\":\"MOSIP\",\"deviceProviderId\":\"MOSIP.PROXY.SBI\",\"dateTime\":\"2026-12-07T06:00:00Z\"}";
        string compact = TokenForge.Jws($"{{\"alg\":\"RS256\",\"typ\":\"JWT\",\"x5c\":[\"{TokenForge.X5c(Ftm)}\",\"{TokenForge.X5c(Pki.FtmRoot)}\"]}}", Encoding.UTF8.GetBytes(json), Ftm.Key);
        var read = SignedDigitalId.Read(compact);
        Assert.True(read.IsSuccess, read.Detail);
        Assert.Equal(Ftm.Certificate.RawData, read.Value.Signer.RawData);
    }

    [Theory]
    [InlineData("Iris", "Slap")]
    [InlineData("Face", "Single")]
    [InlineData("Finger", "slap")]
    [InlineData("Palm", "Slap")]
    public void Sub_type_not_allowed_for_its_type_is_refused(string type, string subType)
    {
        Assert.False(SignedDigitalId.IsValid(Sample(type: type, subType: subType)));
        var forged = Forge($"\"type\":\"{type}\",\"deviceSubType\":\"{subType}\",\"dateTime\":\"2026-12-07T06:00:00Z\"");
        Assert.Equal(MessageRefusal.DigitalId, SignedDigitalId.Read(forged).Refusal);
    }

    [Theory]
    [InlineData("Finger", "Slap")]
    [InlineData("Finger", "Single")]
    [InlineData("Finger", "Touchless")]
    [InlineData("Iris", "Single")]
    [InlineData("Iris", "Double")]
    [InlineData("Face", "Full face")]
    public void Every_MOSIP_type_and_sub_type_pair_is_allowed(string type, string subType) =>
        Assert.True(DigitalIdTypes.IsAllowed(type, subType));

    [Theory]
    [InlineData("2026-12-07T06:00:00.123Z")]
    [InlineData("2026-12-07T06:00:00+05:30")]
    [InlineData("2026-12-07")]
    public void DateTime_with_milliseconds_or_an_offset_is_refused(string dateTime)
    {
        var forged = Forge($"\"type\":\"Finger\",\"deviceSubType\":\"Slap\",\"dateTime\":\"{dateTime}\"");
        Assert.False(SignedDigitalId.Read(forged).IsSuccess);
    }

    [Fact]
    public void A_ninth_member_is_refused()
    {
        var forged = Forge("\"type\":\"Finger\",\"deviceSubType\":\"Slap\",\"dateTime\":\"2026-12-07T06:00:00Z\",\"bioValue\":\"x\"");
        Assert.False(SignedDigitalId.Read(forged).IsSuccess);
    }

    [Fact]
    public void Unsigned_digital_id_is_refused()
    {
        string unsigned = SignedDigitalId.ToUnsigned(Sample());
        var read = SignedDigitalId.Read(unsigned);
        Assert.False(read.IsSuccess);
        Assert.Equal(MessageRefusal.DigitalId, read.Refusal);
    }

    [Fact]
    public void Digital_id_signed_by_a_key_other_than_x5c0_is_refused()
    {
        string json = "{\"serialNo\":\"SN0000000001\",\"make\":\"MOSIP\",\"model\":\"SLAP01\",\"type\":\"Finger\",\"deviceSubType\":\"Slap\",\"deviceProvider\":\"MOSIP\",\"deviceProviderId\":\"MOSIP.PROXY.SBI\",\"dateTime\":\"2026-12-07T06:00:00Z\"}";
        string compact = TokenForge.Jws($"{{\"alg\":\"RS256\",\"typ\":\"JWT\",\"x5c\":[\"{TokenForge.X5c(Ftm)}\"]}}", Encoding.UTF8.GetBytes(json), Pki.FtmRoot.Key);
        Assert.False(SignedDigitalId.Read(compact).IsSuccess);
    }

    [Fact]
    public void Digital_id_typ_other_than_JWT_is_refused()
    {
        string json = "{\"serialNo\":\"SN0000000001\",\"make\":\"MOSIP\",\"model\":\"SLAP01\",\"type\":\"Finger\",\"deviceSubType\":\"Slap\",\"deviceProvider\":\"MOSIP\",\"deviceProviderId\":\"MOSIP.PROXY.SBI\",\"dateTime\":\"2026-12-07T06:00:00Z\"}";
        string compact = TokenForge.Jws($"{{\"alg\":\"RS256\",\"typ\":\"dm-checkin+jwt\",\"x5c\":[\"{TokenForge.X5c(Ftm)}\"]}}", Encoding.UTF8.GetBytes(json), Ftm.Key);
        Assert.False(SignedDigitalId.Read(compact).IsSuccess);
    }

    [Fact]
    public async Task Signing_an_invalid_payload_throws_for_the_caller_bug()
    {
        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await SignedDigitalId.SignAsync(Sample(type: "Iris", subType: "Slap"), Ftm.Certificate, Ftm.SignAsync, default));
    }

    private static string Forge(string typeAndTime)
    {
        string json = "{\"serialNo\":\"SN0000000001\",\"make\":\"MOSIP\",\"model\":\"SLAP01\",\"deviceProvider\":\"MOSIP\",\"deviceProviderId\":\"MOSIP.PROXY.SBI\"," + typeAndTime + "}";
        return TokenForge.Jws($"{{\"alg\":\"RS256\",\"typ\":\"JWT\",\"x5c\":[\"{TokenForge.X5c(Ftm)}\"]}}", Encoding.UTF8.GetBytes(json), Ftm.Key);
    }

    private static string PadB64(string b64url)
    {
        string s = b64url.Replace('-', '+').Replace('_', '/');
        return s + new string('=', (4 - s.Length % 4) % 4);
    }
}
