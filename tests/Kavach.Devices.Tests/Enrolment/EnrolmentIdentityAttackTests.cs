using System.Security.Cryptography;
using Kavach.Devices.Enrolment;
using Kavach.Devices.Protocol.DigitalIds;
using Kavach.Devices.Protocol.Jose;
using Kavach.Devices.Protocol.Json;
using Kavach.Devices.Tests.Enrolment.Support;

namespace Kavach.Devices.Tests.Enrolment;

/// <summary>
/// Spec §4.5 step 4 and §5.2: every identity check of an L1 enrolment as an attack — the FTM chip certificate, the
/// digital id and the CSR. Each is refused with the generic error, audited, and changes no registry or certificate row.
/// </summary>
public sealed class EnrolmentIdentityAttackTests(EnrolmentFixture fixture) : IClassFixture<EnrolmentFixture>
{
    private static readonly EnrolmentRequestContext Context = new(EnrolmentHarness.EnrollUrl);

    private EnrolmentHarness H => fixture.Harness;

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task An_FTM_chip_under_an_unapproved_root_is_refused_even_when_whitelisted()
    {
        var serial = Serial();
        using var device = await H.L1DeviceAsync(serial, H.Pki.IssueFtmChip(serial, issuer: H.Pki.RogueCa));

        await RefusedAsync(device, await device.UplinkAsync(device.EnrollBody(await H.NonceAsync()), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync()));
    }

    [Fact]
    public async Task An_FTM_chip_certificate_valid_longer_than_20_years_is_refused()
    {
        var serial = Serial();
        using var device = await H.L1DeviceAsync(serial, H.Pki.IssueFtmChip(serial, notAfter: H.Pki.FtmRoot.Certificate.NotAfter));
        Assert.True(device.Ftm!.Certificate.NotAfter - device.Ftm.Certificate.NotBefore > TimeSpan.FromDays((20 * 365) + 5));

        await RefusedAsync(device, await device.UplinkAsync(device.EnrollBody(await H.NonceAsync()), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync()));
    }

    [Fact]
    public async Task A_genuine_FTM_chip_other_than_the_whitelisted_one_is_refused()
    {
        var serial = Serial();
        using var device = await H.L1DeviceAsync(serial, whitelist: false);
        await H.WhitelistAsync(serial, "L1", H.Pki.IssueFtmChip(serial).CertificateSha256, null);

        await RefusedAsync(device, await device.UplinkAsync(device.EnrollBody(await H.NonceAsync()), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync()));
    }

    [Fact]
    public async Task An_L1_request_signed_by_a_self_signed_device_key_is_refused()
    {
        using var device = await H.L1DeviceAsync(Serial());
        using var selfSigned = device.SelfSigned();

        var message = await device.UplinkAsync(
            device.EnrollBody(await H.NonceAsync()),
            EnrolmentHarness.EnrollUrl,
            await H.ServerKeyAsync(),
            digitalId: await device.DigitalIdAsync(signerCertificate: selfSigned, signerKey: device.DeviceKey),
            signerCertificate: selfSigned,
            signerKey: device.DeviceKey);

        await RefusedAsync(device, message);
    }

    [Fact]
    public async Task An_unsigned_digital_id_on_L1_is_refused()
    {
        using var device = await H.L1DeviceAsync(Serial());

        await RefusedAsync(device, await EnrolWithDigitalIdAsync(device, SignedDigitalId.ToUnsigned(device.DigitalIdPayload())));
    }

    [Fact]
    public async Task A_digital_id_signed_by_the_device_key_on_L1_is_refused()
    {
        using var device = await H.L1DeviceAsync(Serial());
        using var selfSigned = device.SelfSigned();

        await RefusedAsync(device, await EnrolWithDigitalIdAsync(device, await device.DigitalIdAsync(signerCertificate: selfSigned, signerKey: device.DeviceKey)));
    }

    [Fact]
    public async Task A_digital_id_signed_by_another_genuine_FTM_chip_is_refused()
    {
        using var device = await H.L1DeviceAsync(Serial());
        var other = H.Pki.IssueFtmChip(device.SerialNo);

        await RefusedAsync(device, await EnrolWithDigitalIdAsync(device, await device.DigitalIdAsync(signerCertificate: other.Certificate, signerKey: other.Key)));
    }

    [Theory]
    [InlineData("serialNo")]
    [InlineData("make")]
    [InlineData("model")]
    [InlineData("deviceProvider")]
    [InlineData("deviceProviderId")]
    [InlineData("type")]
    public async Task A_digital_id_field_differing_from_the_whitelist_is_refused(string field)
    {
        using var device = await H.L1DeviceAsync(Serial());
        var genuine = device.DigitalIdPayload();
        var spoiled = field switch
        {
            "serialNo" => genuine with { SerialNo = Serial() },
            "make" => genuine with { Make = "OTHER" },
            "model" => genuine with { Model = "SLAP02" },
            "deviceProvider" => genuine with { DeviceProvider = "Evil Corp" },
            "deviceProviderId" => genuine with { DeviceProviderId = "EVIL.SBI" },
            _ => genuine with { Type = "Iris", DeviceSubType = "Double" },
        };

        await RefusedAsync(device, await EnrolWithDigitalIdAsync(device, await device.DigitalIdAsync(spoiled)));
    }

    [Fact]
    public async Task A_digital_id_with_a_sub_type_invalid_for_its_type_is_refused()
    {
        using var device = await H.L1DeviceAsync(Serial());

        await RefusedAsync(device, await EnrolWithDigitalIdAsync(device, await SignRawAsync(device, device.DigitalIdPayload() with { Type = "Iris" })));
    }

    [Fact]
    public async Task A_digital_id_dateTime_with_milliseconds_is_refused()
    {
        using var device = await H.L1DeviceAsync(Serial());
        var withMilliseconds = H.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

        await RefusedAsync(device, await EnrolWithDigitalIdAsync(device, await SignRawAsync(device, device.DigitalIdPayload() with { DateTime = withMilliseconds })));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public async Task A_digital_id_dateTime_outside_the_window_is_refused(int offsetSeconds)
    {
        using var device = await H.L1DeviceAsync(Serial());

        await RefusedAsync(device, await EnrolWithDigitalIdAsync(device, await device.DigitalIdAsync(device.DigitalIdPayload(H.Time.GetUtcNow().AddSeconds(offsetSeconds)))));
    }

    [Fact]
    public async Task A_CSR_whose_signature_does_not_verify_is_refused()
    {
        using var device = await H.L1DeviceAsync(Serial());
        var csr = System.Buffers.Text.Base64Url.DecodeFromChars(device.Csr());
        csr[^1] ^= 0x01;

        await RefusedAsync(device, await EnrolWithCsrAsync(device, Kavach.Crypto.Base64Url.Encode(csr)));
    }

    [Fact]
    public async Task A_CSR_of_an_RSA_1024_key_is_refused()
    {
        using var device = await H.L1DeviceAsync(Serial());
        using var weak = RSA.Create(1024);

        await RefusedAsync(device, await EnrolWithCsrAsync(device, device.Csr(weak)));
    }

    [Fact]
    public async Task A_CSR_of_the_FTM_key_itself_is_refused()
    {
        using var device = await H.L1DeviceAsync(Serial());

        await RefusedAsync(device, await EnrolWithCsrAsync(device, device.Csr(device.Ftm!.Key)));
    }

    [Fact]
    public async Task A_CSR_key_already_certified_for_another_device_is_refused()
    {
        using var victim = await H.L1DeviceAsync(Serial());
        await H.EnrolAsync(victim);
        using var device = await H.L1DeviceAsync(Serial());

        await RefusedAsync(device, await EnrolWithCsrAsync(device, device.Csr(victim.DeviceKey)));
    }

    private Task RefusedAsync(SimulatedDevice device, string message) =>
        EnrolmentAssert.RefusedAsync(H, device.SerialNo, () => H.Service.EnrolAsync(message, Context, Ct));

    private async Task<string> EnrolWithDigitalIdAsync(SimulatedDevice device, string digitalId) =>
        await device.UplinkAsync(device.EnrollBody(await H.NonceAsync()), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync(), digitalId: digitalId);

    private async Task<string> EnrolWithCsrAsync(SimulatedDevice device, string csr) =>
        await device.UplinkAsync(device.EnrollBody(await H.NonceAsync(), csr), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync());

    // SignedDigitalId.SignAsync refuses to sign what breaks MOSIP's rules; an attacker signs it anyway.
    private static async Task<string> SignRawAsync(SimulatedDevice device, DigitalIdPayload payload) =>
        await StrictJws.SignAsync(DeviceJose.DigitalIdType, [device.Ftm!.Certificate], null, ProtocolJson.Write(payload, DeviceProtocolJsonContext.Default.DigitalIdPayload), SimulatedDevice.Sign(device.Ftm.Key), Ct);

    private static string Serial() => "ID" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6));
}
