using System.Collections.Concurrent;
using Kavach.Crypto.Argon2;

namespace Kavach.Crypto.Tests.Argon2;

public sealed class Argon2SaltGeneratorTests
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Salts_are_24_bytes_and_all_distinct()
    {
        var clock = new ManualTimeProvider(Start);
        using var generator = new Argon2SaltGenerator(clock);
        var seen = new HashSet<string>();
        for (int i = 0; i < 20_000; i++)
        {
            byte[] salt = generator.NextSalt();
            Assert.Equal(24, salt.Length);
            Assert.True(seen.Add(Convert.ToHexString(salt)));
            if (i % 1000 == 0)
            {
                clock.Advance(TimeSpan.FromMinutes(7));
            }
        }

        Assert.True(generator.Generation > 1);
    }

    [Fact]
    public void Salts_are_distinct_and_well_formed_under_concurrency()
    {
        using var generator = new Argon2SaltGenerator(new ManualTimeProvider(Start));
        var salts = new ConcurrentBag<string>();
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            for (int i = 0; i < 2_000; i++)
            {
                byte[] salt = generator.NextSalt();
                Assert.Equal(Argon2SaltGenerator.SaltLength, salt.Length);
                salts.Add(Convert.ToHexString(salt));
            }
        });

        Assert.Equal(32_000, salts.Count);
        Assert.Equal(32_000, salts.Distinct().Count());
        Assert.Equal(1, generator.Generation);
    }

    [Fact]
    public void Key_and_counter_are_refreshed_once_the_interval_has_passed()
    {
        var clock = new ManualTimeProvider(Start);
        using var generator = new Argon2SaltGenerator(clock);
        Assert.Equal(TimeSpan.FromMinutes(30), generator.RefreshInterval);
        Assert.Equal(0, generator.Generation);

        generator.NextSalt();
        Assert.Equal(1, generator.Generation);

        clock.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromTicks(1));
        generator.NextSalt();
        Assert.Equal(1, generator.Generation);

        clock.Advance(TimeSpan.FromTicks(1));
        generator.NextSalt();
        Assert.Equal(2, generator.Generation);

        clock.Advance(TimeSpan.FromMinutes(29));
        generator.NextSalt();
        Assert.Equal(2, generator.Generation);

        clock.Advance(TimeSpan.FromHours(5));
        generator.NextSalt();
        generator.NextSalt();
        Assert.Equal(3, generator.Generation);
    }

    [Fact]
    public void A_custom_interval_is_honoured_and_a_clock_going_back_refreshes()
    {
        var clock = new ManualTimeProvider(Start);
        using var generator = new Argon2SaltGenerator(clock, TimeSpan.FromSeconds(10));
        generator.NextSalt();
        clock.Advance(TimeSpan.FromSeconds(9));
        generator.NextSalt();
        Assert.Equal(1, generator.Generation);
        clock.Advance(TimeSpan.FromSeconds(1));
        generator.NextSalt();
        Assert.Equal(2, generator.Generation);

        clock.Advance(TimeSpan.FromSeconds(-5));
        generator.NextSalt();
        Assert.Equal(3, generator.Generation);
    }

    [Fact]
    public void Salts_are_accepted_by_argon2()
    {
        using var generator = new Argon2SaltGenerator(new ManualTimeProvider(Start));
        byte[] salt = generator.NextSalt();
        Assert.Equal(32, Argon2id.Hash("1234567890", salt, 1, 64, 1).Length);
    }

    [Fact]
    public void Arguments_and_disposal_are_checked()
    {
        Assert.Throws<ArgumentNullException>(() => new Argon2SaltGenerator(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Argon2SaltGenerator(TimeProvider.System, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Argon2SaltGenerator(TimeProvider.System, TimeSpan.FromSeconds(-1)));

        var generator = new Argon2SaltGenerator(TimeProvider.System);
        generator.NextSalt();
        generator.Dispose();
        generator.Dispose();
        Assert.Throws<ObjectDisposedException>(() => generator.NextSalt());
    }
}
