using Kavach.Keys.Policy;
using Kavach.Keys.Storage;

namespace Kavach.Keys.Tests.Policy;

public sealed class KeyValidityTests
{
    private static readonly DateTime Generated = new(2025, 1, 15, 10, 0, 0, DateTimeKind.Utc);
    private static readonly KeyAlias Alias = new("a", "REGISTRATION", "ref", Generated, Generated.AddDays(1095), "TP", "UI");

    [Fact]
    public void Key_is_current_from_generation_until_the_pre_expiry_window()
    {
        Assert.True(KeyValidity.IsCurrent(Alias, Generated, 30));
        Assert.True(KeyValidity.IsCurrent(Alias, Generated.AddDays(1), 30));
        Assert.True(KeyValidity.IsCurrent(Alias, Generated.AddDays(1095 - 31), 30));
    }

    [Fact]
    public void Key_is_not_current_inside_the_window_or_before_generation()
    {
        Assert.False(KeyValidity.IsCurrent(Alias, Generated.AddDays(1095 - 29), 30));
        Assert.False(KeyValidity.IsCurrent(Alias, Generated.AddDays(1095).AddSeconds(-1), 30));
        Assert.False(KeyValidity.IsCurrent(Alias, Generated.AddSeconds(-1), 30));
        Assert.False(KeyValidity.IsCurrent(Alias, Generated.AddDays(1096), 30));
    }

    [Fact]
    public void Exactly_at_expiry_counts_as_current_as_in_MOSIP()
    {
        Assert.True(KeyValidity.IsCurrent(Alias, Alias.ExpiresAt, 30));
    }

    [Fact]
    public void A_key_revoked_at_its_generation_instant_is_not_current_at_that_instant()
    {
        // Revocation sets the expiry a minute in the past: for a key made this minute, before its generation.
        var revoked = Alias with { ExpiresAt = Generated.AddMinutes(-1) };
        Assert.False(KeyValidity.IsCurrent(revoked, Generated, 0));
        Assert.False(KeyValidity.IsCurrent(revoked, revoked.ExpiresAt, 0));
    }

    [Fact]
    public void Window_boundary_is_exclusive()
    {
        Assert.False(KeyValidity.IsCurrent(Alias, Alias.ExpiresAt.AddDays(-30), 30));
        Assert.True(KeyValidity.IsCurrent(Alias, Alias.ExpiresAt.AddDays(-30).AddTicks(-1), 30));
    }

    [Fact]
    public void Pre_expire_days_follow_MOSIP_rules()
    {
        var policies = new Dictionary<string, KeyPolicy>
        {
            ["REGISTRATION"] = new("REGISTRATION", 1095, 60, true, "NA"),
            ["KERNEL"] = new("KERNEL", 1095, 61, true, "NA"),
            ["BASE"] = new("BASE", 730, 30, true, "NA"),
        };
        KeyPolicy? Of(string app) => policies.GetValueOrDefault(app);

        Assert.Equal(60, KeyValidity.PreExpireDays("REGISTRATION", "", Of));
        Assert.Equal(30, KeyValidity.PreExpireDays("REGISTRATION", "10001_110011", Of));
        Assert.Equal(61, KeyValidity.PreExpireDays("KERNEL", "SIGN", Of));
        Assert.Equal(61, KeyValidity.PreExpireDays("KERNEL", "IDENTITY_CACHE", Of));
        Assert.Equal(0, KeyValidity.PreExpireDays("IDA", "PUBLIC_KEY", Of));

        policies.Remove("BASE");
        Assert.Equal(KeyValidity.DefaultBasePreExpireDays, KeyValidity.PreExpireDays("REGISTRATION", "x", Of));
    }
}
