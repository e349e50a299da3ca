using Kavach.Testing;
namespace Kavach.Storage.Tests;

public sealed class UtcTimestampTests
{
    [Fact]
    public void Normalize_truncates_to_microseconds_and_marks_UTC()
    {
        var value = new DateTime(2025, 1, 15, 10, 0, 0, DateTimeKind.Unspecified).AddTicks(9_999_999);

        var normalized = UtcTimestamp.Normalize(value);

        Assert.Equal(DateTimeKind.Utc, normalized.Kind);
        Assert.Equal(new DateTime(2025, 1, 15, 10, 0, 0, DateTimeKind.Utc).AddTicks(9_999_990), normalized);
        Assert.Equal(normalized, UtcTimestamp.Normalize(normalized));
    }

    [Fact]
    public void Local_times_are_converted_to_UTC()
    {
        var utc = new DateTime(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);

        Assert.Equal(utc, UtcTimestamp.Normalize(utc.ToLocalTime()));
    }

    [Fact]
    public void SQLite_text_is_fixed_width_and_sorts_in_time_order()
    {
        DateTime[] instants =
        [
            new(1999, 12, 31, 23, 59, 59, DateTimeKind.Utc),
            new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(10),
            new(2025, 1, 1, 0, 0, 1, DateTimeKind.Utc),
            new(2025, 10, 1, 0, 0, 0, DateTimeKind.Utc),
        ];

        var texts = instants.Select(UtcTimestamp.ToSqliteText).ToArray();

        Assert.All(texts, text => Assert.Equal(26, text.Length));
        Assert.Equal(texts, texts.OrderBy(t => t, StringComparer.Ordinal));
        Assert.Equal("2025-01-01 00:00:00.000001", texts[1]);
        Assert.Equal(instants, texts.Select(UtcTimestamp.FromSqliteText));
    }

    [Theory]
    [InlineData("2025-01-01 00:00:00", 0)]
    [InlineData("2025-01-01 00:00:00.5", 5_000_000)]
    [InlineData("2025-01-01 00:00:00.000001", 10)]
    public void SQLite_text_with_fewer_digits_is_read(string text, long ticks)
    {
        var read = UtcTimestamp.FromSqliteText(text);

        Assert.Equal(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(ticks), read);
        Assert.Equal(DateTimeKind.Utc, read.Kind);
    }
}
