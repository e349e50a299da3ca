using Kavach.Devices.Registry;

namespace Kavach.Devices.Tests.Registry;

/// <summary>An administrator's reason as it goes into a device audit event's detail: cleaned, capped, quoted.</summary>
public sealed class DeviceAuditReasonTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("   \t\r\n ", null)]
    [InlineData("replaced after drop", "reason=\"replaced after drop\"")]
    [InlineData("a\r\nforged=1\u0000\u001b[2J", "reason=\"aforged=1[2J\"")]
    [InlineData("say \"hi\" x=\"y\"", "reason=\"say \\\"hi\\\" x=\\\"y\\\"\"")]
    [InlineData("back\\slash\"", "reason=\"back\\\\slash\\\"\"")]
    [InlineData("line\u2028sep", "reason=\"linesep\"")]
    public void A_reason_is_cleaned_and_quoted(string? raw, string? expected) =>
        Assert.Equal(expected, DeviceAuditReason.Pair(raw));

    [Fact]
    public void A_reason_is_capped_at_200_characters()
    {
        var pair = DeviceAuditReason.Pair(new string('r', 500))!;

        Assert.Equal("reason=\"" + new string('r', DeviceAuditReason.MaxLength) + "\"", pair);
    }
}
