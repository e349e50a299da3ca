using Kavach.PartnerChannel.Mosip;

namespace Kavach.PartnerChannel.Tests.Mosip;

public sealed class MosipTimeTests
{
    [Fact]
    public void Formats_and_parses_IDAs_timestamp()
    {
        var time = new DateTimeOffset(2026, 12, 7, 4, 5, 6, 789, TimeSpan.Zero);
        Assert.Equal("2026-12-07T04:05:06.789Z", MosipTime.Format(time));
        Assert.True(MosipTime.TryParse("2026-12-07T04:05:06.789Z", out DateTimeOffset parsed));
        Assert.Equal(time, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2026-12-07T04:05:06Z")]
    [InlineData("2026-12-07T04:05:06.789")]
    [InlineData("2026-12-07T04:05:06.789+01:00")]
    [InlineData("2026-12-07 04:05:06.789Z")]
    [InlineData("2026-13-07T04:05:06.789Z")]
    public void Refuses_anything_else(string? text)
    {
        Assert.False(MosipTime.TryParse(text, out _));
    }

    [Fact]
    public void Response_check_needs_responseTime_in_the_window_and_the_same_transaction()
    {
        var now = new DateTimeOffset(2026, 12, 7, 4, 5, 6, TimeSpan.Zero);
        byte[] body = """{"transactionID":"T1","responseTime":"2026-12-07T04:05:00.000Z"}"""u8.ToArray();
        TimeSpan window = TimeSpan.FromSeconds(60);

        Assert.Null(MosipResponseCheck.Check(body, "T1", now, window));
        Assert.Null(MosipResponseCheck.Check(body, null, now, window));
        Assert.Contains("transactionID", MosipResponseCheck.Check(body, "T2", now, window), StringComparison.Ordinal);
        Assert.Contains("window", MosipResponseCheck.Check(body, "T1", now.AddSeconds(67), window), StringComparison.Ordinal);
        Assert.Contains("responseTime", MosipResponseCheck.Check("""{"transactionID":"T1"}"""u8.ToArray(), "T1", now, window), StringComparison.Ordinal);
        Assert.Contains("transactionID", MosipResponseCheck.Check("""{"responseTime":"2026-12-07T04:05:00.000Z"}"""u8.ToArray(), "T1", now, window), StringComparison.Ordinal);
        Assert.NotNull(MosipResponseCheck.Check("not json"u8.ToArray(), null, now, window));
        Assert.Null(MosipResponseCheck.Check("""{"id":null,"responsetime":"2026-12-07T04:05:00.000Z","errors":[]}"""u8.ToArray(), null, now, window));
    }
}
