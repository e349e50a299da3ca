using Kavach.Keys.Storage;
using Kavach.Storage.Caching;
using Microsoft.Extensions.Time.Testing;

namespace Kavach.Storage.Tests.Caching;

/// <summary>The alias cache's rules: stamps before reads, one invalidation for all, max age while writes go unreported, a bound.</summary>
public sealed class AliasCacheTests
{
    private static readonly DateTime Generated = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(Generated));

    [Fact]
    public void Rows_stored_with_a_current_stamp_are_served_until_invalidated()
    {
        var cache = new AliasCache(_time);
        cache.SetOtherWritersReported(true);
        var rows = new[] { Alias("A") };

        cache.Store("APP", "REF", rows, cache.Stamp());
        _time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(rows, cache.Find("APP", "REF"));
        cache.Invalidate();
        Assert.Null(cache.Find("APP", "REF"));
    }

    [Fact]
    public void Rows_read_while_a_change_committed_are_never_served()
    {
        var cache = new AliasCache(_time);
        cache.SetOtherWritersReported(true);
        var stamp = cache.Stamp();

        cache.Invalidate(); // a write ended between the stamp and the read
        cache.Store("APP", "REF", [Alias("OLD")], stamp);

        Assert.Null(cache.Find("APP", "REF"));
    }

    [Fact]
    public void While_other_writers_go_unreported_rows_are_served_for_the_max_age_only()
    {
        var cache = new AliasCache(_time);
        cache.Store("APP", "REF", [Alias("A")], cache.Stamp());

        _time.Advance(AliasCache.UnreportedMaxAge - TimeSpan.FromMilliseconds(1));
        Assert.NotNull(cache.Find("APP", "REF"));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(cache.Find("APP", "REF"));
    }

    [Fact]
    public void Losing_the_reports_invalidates_everything()
    {
        var cache = new AliasCache(_time);
        cache.SetOtherWritersReported(true);
        cache.Store("APP", "REF", [Alias("A")], cache.Stamp());

        cache.SetOtherWritersReported(false);

        Assert.Null(cache.Find("APP", "REF"));
    }

    [Fact]
    public void The_cache_is_bounded_and_keeps_the_recently_used_pairs()
    {
        var cache = new AliasCache(_time);
        cache.SetOtherWritersReported(true);
        cache.Store("HOT", "REF", [Alias("HOT")], cache.Stamp());

        for (var i = 0; i < AliasCache.Capacity * 2; i++)
        {
            cache.Store("APP", "R" + i, [], cache.Stamp());
            if (i % 100 == 0)
            {
                Assert.NotNull(cache.Find("HOT", "REF"));
            }
        }

        Assert.NotNull(cache.Find("HOT", "REF"));
        Assert.Null(cache.Find("APP", "R0"));
    }

    private static KeyAlias Alias(string id) => new(id, "APP", "REF", Generated, Generated.AddYears(1), "T", "U" + id);
}
