using Kavach.Keys.TokenIds;

namespace Kavach.Keys.Tests.TokenIds;

public sealed class TokenIdGeneratorTests
{
    private const string UinSalt = "zHuDEAbmbxiUbUShgy6pwUhKh9DE0EZn9kQDKPPKbWscGajMwf";
    private const string PartnerSalt = "yS8w5Wb6vhIKdf1msi4LYTJks7mqkbmITk2O63Iq8h0bkRlD0d";

    [Theory]
    [InlineData("1.2.1", "341848289429937600331214878588938562")]
    [InlineData("1.3.0", "299621790043177408499086506706865532")]
    public void Spec_vectors(string algorithm, string expected)
    {
        var generator = new TokenIdGenerator(new TokenIdOptions { UinSalt = UinSalt, PartnerCodeSalt = PartnerSalt, Algorithm = algorithm });
        Assert.Equal(expected, generator.Generate("1234", "1234").Value);
        Assert.Equal(expected, generator.Generate(" 1234 ", "1234 ").Value);
    }

    [Fact]
    public void Different_partners_get_different_ids_and_blank_input_is_refused()
    {
        var generator = new TokenIdGenerator(new TokenIdOptions { UinSalt = UinSalt, PartnerCodeSalt = PartnerSalt });
        Assert.NotEqual(generator.Generate("1234", "p1").Value, generator.Generate("1234", "p2").Value);
        Assert.Equal("KER-TIG-010", generator.Generate(" ", "p1").Error!.Code);
        Assert.Equal("KER-TIG-010", generator.Generate("1234", null).Error!.Code);
    }

    [Fact]
    public void Missing_salts_or_unknown_algorithm_fail_closed()
    {
        Assert.Throws<InvalidOperationException>(() => new TokenIdGenerator(new TokenIdOptions { UinSalt = UinSalt }));
        Assert.Throws<InvalidOperationException>(() => new TokenIdGenerator(new TokenIdOptions { UinSalt = UinSalt, PartnerCodeSalt = PartnerSalt, Algorithm = "2.0" }));
    }
}
