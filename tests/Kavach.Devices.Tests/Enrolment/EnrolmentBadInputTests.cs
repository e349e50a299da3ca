using System.Security.Cryptography;
using System.Text;
using Kavach.Devices.Enrolment;
using Kavach.Devices.Protocol.Jose;
using Kavach.Devices.Protocol.Messages;
using Kavach.Devices.Tests.Enrolment.Support;

namespace Kavach.Devices.Tests.Enrolment;

/// <summary>
/// Spec §5.2 bad inputs at the enrolment endpoint — the envelope, the nonce, the clock and the routing fields. Each is
/// refused with the generic error, audited, and changes no registry or certificate row.
/// </summary>
public sealed class EnrolmentBadInputTests(EnrolmentFixture fixture) : IClassFixture<EnrolmentFixture>
{
    private static readonly EnrolmentRequestContext Context = new(EnrolmentHarness.EnrollUrl);

    private EnrolmentHarness H => fixture.Harness;

    private static CancellationToken Ct => CancellationToken.None;

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a.b.c.d")]
    [InlineData("a.b.c.d.e.f")]
    [InlineData("eyJ!.b.c.d.e")]
    public async Task Malformed_or_truncated_JWE_is_refused(string? compact)
    {
        using var device = await H.L1DeviceAsync(Serial());

        await EnrolmentAssert.RefusedAsync(H, device.SerialNo, () => H.Service.EnrolAsync(compact, Context, Ct));
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_refused_before_decryption()
    {
        using var device = await H.L1DeviceAsync(Serial());
        var valid = await device.UplinkAsync(device.EnrollBody(await H.NonceAsync()), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync());

        await EnrolmentAssert.RefusedAsync(H, device.SerialNo, () => H.Service.EnrolAsync(valid + new string('A', 65 * 1024), Context, Ct));
    }

    [Fact]
    public async Task A_JWE_to_an_unknown_kid_is_refused()
    {
        using var device = await H.L1DeviceAsync(Serial());
        var (_, certificate) = await H.ServerKeyAsync();

        var message = await device.UplinkAsync(device.EnrollBody(await H.NonceAsync()), EnrolmentHarness.EnrollUrl, ("srv-enc-2020-01-deadbeef", certificate));

        await EnrolmentAssert.RefusedAsync(H, device.SerialNo, () => H.Service.EnrolAsync(message, Context, Ct));
    }

    [Fact]
    public async Task A_JWE_with_a_flipped_ciphertext_byte_is_refused()
    {
        using var device = await H.L1DeviceAsync(Serial());
        var parts = (await device.UplinkAsync(device.EnrollBody(await H.NonceAsync()), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync())).Split('.');
        var ciphertext = System.Buffers.Text.Base64Url.DecodeFromChars(parts[3]);
        ciphertext[0] ^= 0x01;
        parts[3] = Kavach.Crypto.Base64Url.Encode(ciphertext);

        await EnrolmentAssert.RefusedAsync(H, device.SerialNo, () => H.Service.EnrolAsync(string.Join('.', parts), Context, Ct));
    }

    [Fact]
    public async Task An_inner_JWS_not_signed_by_its_x5c_certificate_is_refused()
    {
        using var device = await H.L1DeviceAsync(Serial());
        using var other = RSA.Create(2048);

        var message = await device.UplinkAsync(device.EnrollBody(await H.NonceAsync()), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync(), signerCertificate: device.Ftm!.Certificate, signerKey: other);

        await EnrolmentAssert.RefusedAsync(H, device.SerialNo, () => H.Service.EnrolAsync(message, Context, Ct));
    }

    [Fact]
    public async Task An_inner_JWS_with_the_typ_of_another_route_is_refused()
    {
        using var device = await H.L1DeviceAsync(Serial());

        var message = await device.UplinkAsync(device.EnrollBody(await H.NonceAsync()), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync(), typ: MessageKinds.UplinkType(MessageKinds.Checkin));

        await EnrolmentAssert.RefusedAsync(H, device.SerialNo, () => H.Service.EnrolAsync(message, Context, Ct));
    }

    [Fact]
    public async Task An_enrol_message_replayed_to_the_confirm_endpoint_is_refused_by_kind_and_audience()
    {
        using var device = await H.L1DeviceAsync(Serial());
        var message = await device.UplinkAsync(device.EnrollBody(await H.NonceAsync()), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync());

        await EnrolmentAssert.RefusedAsync(
            H,
            device.SerialNo,
            () => H.Service.ConfirmAsync(message, new EnrolmentRequestContext(EnrolmentHarness.ConfirmUrl, device.Ftm!.Certificate), Ct),
            "device.enrol.confirm");
    }

    [Fact]
    public async Task An_enrol_addressed_to_another_endpoint_is_refused()
    {
        using var device = await H.L1DeviceAsync(Serial());

        var message = await device.UplinkAsync(device.EnrollBody(await H.NonceAsync()), "https://other.example/v1/enroll", await H.ServerKeyAsync());

        await EnrolmentAssert.RefusedAsync(H, device.SerialNo, () => H.Service.EnrolAsync(message, Context, Ct));
    }

    [Fact]
    public async Task An_enrol_carrying_a_mgmtId_is_refused()
    {
        using var device = await H.L1DeviceAsync(Serial());

        var message = await device.UplinkAsync(device.EnrollBody(await H.NonceAsync()), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync(), mgmtId: Guid.NewGuid().ToString("D"));

        await EnrolmentAssert.RefusedAsync(H, device.SerialNo, () => H.Service.EnrolAsync(message, Context, Ct));
    }

    [Fact]
    public async Task A_nonce_the_server_never_issued_is_refused()
    {
        using var device = await H.L1DeviceAsync(Serial());
        var forged = Kavach.Crypto.Base64Url.Encode(RandomNumberGenerator.GetBytes(32));

        var message = await device.UplinkAsync(device.EnrollBody(forged), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync());

        await EnrolmentAssert.RefusedAsync(H, device.SerialNo, () => H.Service.EnrolAsync(message, Context, Ct));
    }

    [Fact]
    public async Task An_expired_nonce_is_refused()
    {
        using var device = await H.L1DeviceAsync(Serial());
        var nonce = await H.NonceAsync();
        H.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var message = await device.UplinkAsync(device.EnrollBody(nonce), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync());

        await EnrolmentAssert.RefusedAsync(H, device.SerialNo, () => H.Service.EnrolAsync(message, Context, Ct));
    }

    [Fact]
    public async Task A_nonce_used_by_another_device_is_refused()
    {
        using var first = await H.L1DeviceAsync(Serial());
        using var second = await H.L1DeviceAsync(Serial());
        var nonce = await H.NonceAsync();
        var used = await H.Service.EnrolAsync(await first.UplinkAsync(first.EnrollBody(nonce), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync()), Context, Ct);
        Assert.True(used.IsSuccess, used.Error?.Message);

        var message = await second.UplinkAsync(second.EnrollBody(nonce), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync());

        await EnrolmentAssert.RefusedAsync(H, second.SerialNo, () => H.Service.EnrolAsync(message, Context, Ct));
    }

    [Theory]
    [InlineData(-121)]
    [InlineData(121)]
    public async Task A_timestamp_outside_plus_or_minus_120_seconds_is_refused(int offsetSeconds)
    {
        using var device = await H.L1DeviceAsync(Serial());

        var message = await device.UplinkAsync(device.EnrollBody(await H.NonceAsync()), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync(), timestamp: H.Time.GetUtcNow().AddSeconds(offsetSeconds));

        await EnrolmentAssert.RefusedAsync(H, device.SerialNo, () => H.Service.EnrolAsync(message, Context, Ct));
    }

    [Fact]
    public async Task A_serial_that_is_not_whitelisted_is_refused()
    {
        using var device = await H.L1DeviceAsync(Serial(), whitelist: false);

        var message = await device.UplinkAsync(device.EnrollBody(await H.NonceAsync()), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync());

        await EnrolmentAssert.RefusedAsync(H, device.SerialNo, () => H.Service.EnrolAsync(message, Context, Ct));
        Assert.Null(await H.Store.GetDeviceAsync(device.SerialNo, Ct));
    }

    [Fact]
    public async Task A_purpose_other_than_the_whitelisted_one_is_refused()
    {
        using var device = await H.L1DeviceAsync(Serial());

        var message = await device.UplinkAsync(device.EnrollBody(await H.NonceAsync(), purpose: "Registration"), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync());

        await EnrolmentAssert.RefusedAsync(H, device.SerialNo, () => H.Service.EnrolAsync(message, Context, Ct));
    }

    [Fact]
    public async Task The_refusal_says_nothing_about_which_check_failed()
    {
        using var device = await H.L1DeviceAsync(Serial());

        var unknownNonce = await H.Service.EnrolAsync(await device.UplinkAsync(device.EnrollBody(Kavach.Crypto.Base64Url.Encode(RandomNumberGenerator.GetBytes(32))), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync()), Context, Ct);
        var garbage = await H.Service.EnrolAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes("not a message")), Context, Ct);

        Assert.Equal(unknownNonce.Error, garbage.Error);
        Assert.Equal("Enrolment refused.", garbage.Error!.Message);
    }

    private static string Serial() => "BI" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6));
}
