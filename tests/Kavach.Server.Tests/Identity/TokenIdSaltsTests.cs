using Kavach.Keys.TokenIds;
using Kavach.Testing;
using Kavach.Hosting.Files;

namespace Kavach.Server.Tests.Identity;

/// <summary>The generated token-ID salts file: created once, complete, private, whoever races to create it.</summary>
public sealed class TokenIdSaltsTests
{
    private const int Threads = 8;
    private const int Rounds = 25;

    [Fact]
    public void Concurrent_first_starts_all_get_the_one_complete_salts_file()
    {
        for (var round = 0; round < Rounds; round++)
        {
            using var dir = new TempDirectory("kavach-salts");
            var results = new TokenIdOptions?[Threads];
            var failures = new Exception?[Threads];
            using var start = new Barrier(Threads);
            var threads = Enumerable.Range(0, Threads).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                try
                {
                    results[i] = TokenIdSalts.Resolve(new TokenIdOptions(), dir.Path);
                }
#pragma warning disable CA1031 // collected and asserted below, on the test thread
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failures[i] = e;
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());

            Assert.All(failures, f => Assert.Null(f));
            var salts = results.Select(r => (r!.UinSalt, r.PartnerCodeSalt)).Distinct().ToList();
            var (uin, partner) = Assert.Single(salts);
            Assert.NotEqual(uin, partner);
            Assert.Equal(43, uin!.Length);

            // Only the file itself is left (no temporary files), private to the owner, holding what everyone got.
            var path = Path.Combine(dir.Path, TokenIdSalts.FileName);
            Assert.Equal([path], Directory.GetFiles(dir.Path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(new[] { uin, partner! }, File.ReadAllLines(path));
        }
    }

    [Fact]
    public void An_existing_file_is_kept_and_configured_salts_win()
    {
        using var dir = new TempDirectory("kavach-salts");
        var first = TokenIdSalts.Resolve(new TokenIdOptions(), dir.Path);
        var again = TokenIdSalts.Resolve(new TokenIdOptions(), dir.Path);
        Assert.Equal((first.UinSalt, first.PartnerCodeSalt), (again.UinSalt, again.PartnerCodeSalt));

        using var other = new TempDirectory("kavach-salts");
        var configured = new TokenIdOptions { UinSalt = "u-salt", PartnerCodeSalt = "p-salt" };
        Assert.Same(configured, TokenIdSalts.Resolve(configured, other.Path));
        Assert.Empty(Directory.GetFiles(other.Path));
    }

    [Fact]
    public void A_damaged_file_is_an_error_that_shows_no_salt()
    {
        using var dir = new TempDirectory("kavach-salts");
        File.WriteAllText(Path.Combine(dir.Path, TokenIdSalts.FileName), "only-one-secret-line\n");
        var error = Assert.Throws<InvalidOperationException>(() => TokenIdSalts.Resolve(new TokenIdOptions(), dir.Path));
        Assert.DoesNotContain("only-one-secret-line", error.Message, StringComparison.Ordinal);
    }
}
