using Kavach.Keys.Hierarchy;

namespace Kavach.Keys.Tests.Hierarchy;

public sealed class KeyClassifierTests
{
    [Theory]
    [InlineData("ROOT", "", KeyClass.Root)]
    [InlineData("ROOT", "x", KeyClass.Base)]
    [InlineData("REGISTRATION", "", KeyClass.Master)]
    [InlineData("KERNEL", "SIGN", KeyClass.DataSign)]
    [InlineData("kernel", "SIGN", KeyClass.DataSign)]
    [InlineData("IDA", "SIGN", KeyClass.DataSign)]
    [InlineData("TOKEN_ISSUER", "SIGN", KeyClass.DataSign)]
    [InlineData("ID_REPO", "EC_SECP256K1_SIGN", KeyClass.EcSign)]
    [InlineData("ID_REPO", "EC_SECP256R1_SIGN", KeyClass.EcSign)]
    [InlineData("ID_REPO", "ED25519_SIGN", KeyClass.Ed25519Sign)]
    [InlineData("REGISTRATION", "10001_110011", KeyClass.Base)]
    [InlineData("KERNEL", "IDENTITY_CACHE", KeyClass.Base)]
    public void Classifies_like_MOSIP(string appId, string refId, KeyClass expected) =>
        Assert.Equal(expected, KeyClassifier.Classify(appId, refId));

    [Fact]
    public void Only_root_masters_and_EC_keys_live_in_the_vault()
    {
        Assert.True(KeyClassifier.IsVaultHeld(KeyClass.Root));
        Assert.True(KeyClassifier.IsVaultHeld(KeyClass.Master));
        Assert.True(KeyClassifier.IsVaultHeld(KeyClass.EcSign));
        Assert.True(KeyClassifier.IsVaultHeld(KeyClass.DataSign));
        Assert.False(KeyClassifier.IsVaultHeld(KeyClass.Base));
        Assert.False(KeyClassifier.IsVaultHeld(KeyClass.Ed25519Sign));
    }
}
