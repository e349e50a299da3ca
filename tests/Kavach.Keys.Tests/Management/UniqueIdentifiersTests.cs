using Kavach.Keys.Management;

namespace Kavach.Keys.Tests.Management;

public sealed class UniqueIdentifiersTests
{
    [Fact]
    public void Worked_example_of_the_spec()
    {
        // keymanager-api.md §3.9: KERNEL_SIGN_01-15-2025.
        var value = UniqueIdentifiers.GeneratedValue("KERNEL", "SIGN", new DateTime(2025, 1, 15, 23, 59, 0, DateTimeKind.Utc));
        Assert.Equal("KERNEL_SIGN_01-15-2025", value);
        var uni = UniqueIdentifiers.Compute(value);
        Assert.Equal("E582ADC954BD7F1444C47588FD1013D3A3E681AB", uni);
        Assert.Equal("InWXNx265PpHJBpmZd0BpXte4i8antMfTk1IAnbeYWw", UniqueIdentifiers.KeyId(uni));
    }

    [Fact]
    public void Other_domain_value_uses_the_thumbprint()
    {
        Assert.Equal("IDA_PUBLIC_KEY_ABCD", UniqueIdentifiers.OtherDomainValue("IDA", "PUBLIC_KEY", "ABCD"));
    }
}
