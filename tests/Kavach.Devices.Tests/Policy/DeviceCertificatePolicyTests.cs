using Kavach.Devices.Policy;
using Kavach.Devices.Registry;

namespace Kavach.Devices.Tests.Policy;

/// <summary>Rotation and expiry as pure functions of now (spec §4.8).</summary>
public sealed class DeviceCertificatePolicyTests
{
    private static readonly DateTimeOffset Issued = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DevicePolicyOptions Options = new();

    [Theory]
    [InlineData(0, CertificateVerdict.Current)]
    [InlineData(19.99, CertificateVerdict.Current)]
    [InlineData(20, CertificateVerdict.RotateByAge)]
    [InlineData(20.5, CertificateVerdict.RotateBeforeExpiry)]
    [InlineData(29.99, CertificateVerdict.RotateBeforeExpiry)]
    [InlineData(30.5, CertificateVerdict.Expired)]
    public void A_30_day_certificate_rotates_at_day_20_and_expires_after_day_30(double day, CertificateVerdict expected)
    {
        var certificate = Certificate(Issued, Issued.AddDays(30.5));

        Assert.Equal(expected, DeviceCertificatePolicy.Evaluate(certificate, Issued.AddDays(day), Options));
    }

    [Fact]
    public void A_short_certificate_rotates_when_ten_days_are_left_whatever_its_age()
    {
        var certificate = Certificate(Issued, Issued.AddDays(15));

        Assert.Equal(CertificateVerdict.Current, DeviceCertificatePolicy.Evaluate(certificate, Issued.AddDays(4.9), Options));
        Assert.Equal(CertificateVerdict.RotateBeforeExpiry, DeviceCertificatePolicy.Evaluate(certificate, Issued.AddDays(5), Options));
    }

    private static DeviceCertificateRecord Certificate(DateTimeOffset notBefore, DateTimeOffset notAfter) =>
        new("0A", "SN1", "00", notBefore, notAfter, DeviceCertificateStatus.Active, null, null, null, null, [1]);
}
