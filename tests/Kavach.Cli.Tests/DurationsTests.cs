using Kavach.Hosting.Text;

namespace Kavach.Cli.Tests;

public sealed class DurationsTests
{
    [Theory]
    [InlineData(30 * 24 * 3600, "30 days")]
    [InlineData(24 * 3600, "1 day")]
    [InlineData(3600, "1 hour")]
    [InlineData(36 * 3600, "36 hours")]
    [InlineData(90 * 60, "90 minutes")]
    [InlineData(60, "1 minute")]
    [InlineData(90, "90 seconds")]
    [InlineData(1, "1 second")]
    [InlineData(0, "0 seconds")]
    [InlineData(-3600, "minus 1 hour")]
    public void Durations_read_as_people_write_them(int seconds, string expected) =>
        Assert.Equal(expected, Durations.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Fractions_of_a_second_keep_three_decimals() =>
        Assert.Equal("1.5 seconds", Durations.Format(TimeSpan.FromMilliseconds(1500)));
}
