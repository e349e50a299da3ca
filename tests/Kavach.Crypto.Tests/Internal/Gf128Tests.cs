using FsCheck;
using FsCheck.Fluent;
using Kavach.Crypto.Internal;

namespace Kavach.Crypto.Tests.Internal;

public sealed class Gf128Tests
{
    private static readonly Arbitrary<(ulong Hi, ulong Lo)> Elements =
        Gen.Two(ArbMap.Default.GeneratorFor<ulong>()).Select(t => (t.Item1, t.Item2)).ToArbitrary();

    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(200);

    [Fact]
    public void One_is_the_identity() =>
        Prop.ForAll(Elements, x => Gf128.Multiply(x, Gf128.One) == x && Gf128.Multiply(Gf128.One, x) == x).Check(Runs);

    [Fact]
    public void Multiplication_commutes() =>
        Prop.ForAll(Elements, Elements, (x, y) => Gf128.Multiply(x, y) == Gf128.Multiply(y, x)).Check(Runs);

    [Fact]
    public void Multiplication_distributes_over_xor() =>
        Prop.ForAll(Elements, Elements, Elements, (x, y, z) =>
            Gf128.Multiply(x, Gf128.Xor(y, z)) == Gf128.Xor(Gf128.Multiply(x, y), Gf128.Multiply(x, z))).Check(Runs);

    [Fact]
    public void Invert_gives_the_multiplicative_inverse() =>
        Prop.ForAll(Elements, x => x == (0UL, 0UL) || Gf128.Multiply(x, Gf128.Invert(x)) == Gf128.One)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(30));

    [Fact]
    public void Multiplying_by_x_shifts_right_and_reduces_with_the_gcm_polynomial()
    {
        // In GCM's bit order the element "x" is 0x40 00..00; x·x^127 wraps to x^128 = 1 + x + x^2 + x^7 (0xE1 00..00).
        (ulong Hi, ulong Lo) x = (0x4000_0000_0000_0000UL, 0UL);
        (ulong Hi, ulong Lo) x127 = (0UL, 1UL);

        Assert.Equal((0x2000_0000_0000_0000UL, 0UL), Gf128.Multiply(x, x));
        Assert.Equal((0xE100_0000_0000_0000UL, 0UL), Gf128.Multiply(x, x127));
    }
}
