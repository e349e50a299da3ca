using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Kavach.Devices.Commands;
using Kavach.Devices.Registry;
using Kavach.Devices.Server.Tests.Support;
using Kavach.Keys.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Kavach.Devices.Server.Tests.AdminConsole;

/// <summary>The admin API the operator console reads: session, registry summary, device list fields, a device's commands, and action reasons in the audit trail.</summary>
public sealed class ConsoleAdminApiTests(ConsoleServerFixture fixture) : IClassFixture<ConsoleServerFixture>
{
    private static CancellationToken Ct => CancellationToken.None;

    private IServiceProvider Services => fixture.Host.Services;

    [Fact]
    public async Task The_session_names_the_subject_device_roles_and_what_the_caller_may_do()
    {
        using var viewer = fixture.Host.Client(token: await fixture.Host.TokenAsync("vera", "DEVICE_VIEWER", "KEY_MANAGER_ADMIN"));
        using var admin = fixture.Host.Client(token: await fixture.Host.TokenAsync("adam", "DEVICE_ADMIN"));
        using var approver = fixture.Host.Client(token: await fixture.Host.TokenAsync("abby", "DEVICE_APPROVER"));
        using var local = fixture.Host.Client(token: await fixture.Host.AdminTokenAsync());

        var v = await GetJsonAsync(viewer, "/admin/session");
        var a = await GetJsonAsync(admin, "/admin/session");
        var p = await GetJsonAsync(approver, "/admin/session");
        var l = await GetJsonAsync(local, "/admin/session");

        Assert.Equal("vera", v["subject"]!.GetValue<string>());
        Assert.Equal(["DEVICE_VIEWER"], v["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.False(v["canAdminister"]!.GetValue<bool>());
        Assert.False(v["canApprove"]!.GetValue<bool>());
        Assert.True(a["canAdminister"]!.GetValue<bool>());
        Assert.False(a["canApprove"]!.GetValue<bool>());
        Assert.False(p["canAdminister"]!.GetValue<bool>());
        Assert.True(p["canApprove"]!.GetValue<bool>());
        Assert.True(l["canAdminister"]!.GetValue<bool>() && l["canApprove"]!.GetValue<bool>());
        Assert.Equal(3, l["roles"]!.AsArray().Count);
    }

    [Fact]
    public async Task Attack_the_session_needs_a_token_and_a_device_role()
    {
        using var anonymous = fixture.Host.Client();
        using var keyAdmin = fixture.Host.Client(token: await fixture.Host.TokenAsync("keyadmin", "KEY_MANAGER_ADMIN"));

        await ErrorAssert.CodeAsync(await anonymous.GetAsync("/admin/session"), HttpStatusCode.Unauthorized, "KER-DEV-105");
        await ErrorAssert.CodeAsync(await keyAdmin.GetAsync("/admin/session"), HttpStatusCode.Forbidden, "KER-DEV-106");
    }

    [Fact]
    public async Task The_summary_counts_devices_by_state_and_by_provider_make_model_and_state()
    {
        var provider = "PSUM" + RandomNumberGenerator.GetHexString(8);
        await InsertAsync(
            Device(provider, "ACME", "M1", DeviceState.Active),
            Device(provider, "ACME", "M1", DeviceState.Active),
            Device(provider, "ACME", "M1", DeviceState.Whitelisted),
            Device(provider, "BETA", "M9", DeviceState.Quarantined));
        using var viewer = fixture.Host.Client(token: await fixture.Host.TokenAsync("vera", "DEVICE_VIEWER"));

        var summary = await GetJsonAsync(viewer, $"/admin/devices/summary?provider={provider}");
        var all = await GetJsonAsync(viewer, "/admin/devices/summary");

        Assert.Equal(4, summary["total"]!.GetValue<long>());
        var byState = summary["byState"]!.AsObject();
        Assert.Equal(2, byState["Active"]!.GetValue<long>());
        Assert.Equal(1, byState["Whitelisted"]!.GetValue<long>());
        Assert.Equal(1, byState["Quarantined"]!.GetValue<long>());
        Assert.Equal(0, byState["Deregistered"]!.GetValue<long>());
        Assert.Equal(Enum.GetValues<DeviceState>().Length, byState.Count);
        var groups = summary["groups"]!.AsArray().Select(g => (
            g!["providerId"]!.GetValue<string>(), g["make"]!.GetValue<string>(), g["model"]!.GetValue<string>(), g["state"]!.GetValue<string>(), g["count"]!.GetValue<long>())).ToList();
        Assert.Equal(3, groups.Count);
        Assert.Contains((provider, "ACME", "M1", "Active", 2L), groups);
        Assert.Contains((provider, "ACME", "M1", "Whitelisted", 1L), groups);
        Assert.Contains((provider, "BETA", "M9", "Quarantined", 1L), groups);
        Assert.True(all["total"]!.GetValue<long>() >= 4);
    }

    [Fact]
    public async Task Device_list_items_carry_the_console_fields_with_the_active_certificates_end()
    {
        var provider = "PLST" + RandomNumberGenerator.GetHexString(8);
        var checkedIn = DateTimeOffset.UtcNow.AddMinutes(-3);
        var active = Device(provider, "ACME", "M1", DeviceState.Active) with { LastCheckin = checkedIn, FirmwareVersion = "2.4.1" };
        var fresh = Device(provider, "ACME", "M1", DeviceState.Whitelisted);
        await InsertAsync(active, fresh);
        var notAfter = new DateTimeOffset(2027, 12, 7, 10, 0, 0, TimeSpan.Zero);
        Assert.True(await Services.GetRequiredService<IDeviceCertificateStore>().TryInsertCertificateAsync(
            new DeviceCertificateRecord(RandomNumberGenerator.GetHexString(32), active.SerialNo, RandomNumberGenerator.GetHexString(64, true), notAfter.AddYears(-1), notAfter, DeviceCertificateStatus.Active, null, null, null, null, [1, 2, 3]),
            Ct));
        using var viewer = fixture.Host.Client(token: await fixture.Host.TokenAsync("vera", "DEVICE_VIEWER"));

        var page = await GetJsonAsync(viewer, $"/admin/devices?provider={provider}");
        var one = await GetJsonAsync(viewer, $"/admin/devices/{active.SerialNo}");

        var items = page["devices"]!.AsArray();
        Assert.Equal(2, items.Count);
        var shown = items.Single(d => d!["serial"]!.GetValue<string>() == active.SerialNo)!;
        foreach (var field in new[] { "serial", "providerId", "make", "model", "state", "lastCheckIn", "firmwareVersion", "certificateExpiresAt" })
        {
            Assert.True(shown.AsObject().ContainsKey(field), field);
        }

        Assert.Equal(provider, shown["providerId"]!.GetValue<string>());
        Assert.Equal("Active", shown["state"]!.GetValue<string>());
        Assert.Equal("2.4.1", shown["firmwareVersion"]!.GetValue<string>());
        Assert.Equal(notAfter, shown["certificateExpiresAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(checkedIn.ToUnixTimeMilliseconds(), shown["lastCheckIn"]!.GetValue<DateTimeOffset>().ToUnixTimeMilliseconds());
        Assert.Equal(notAfter, one["certificateExpiresAt"]!.GetValue<DateTimeOffset>());

        // Never checked in, no certificate: the fields are there, null.
        var unseen = items.Single(d => d!["serial"]!.GetValue<string>() == fresh.SerialNo)!.AsObject();
        Assert.True(unseen.ContainsKey("certificateExpiresAt") && unseen["certificateExpiresAt"] is null);
        Assert.True(unseen.ContainsKey("lastCheckIn") && unseen["lastCheckIn"] is null);
    }

    [Fact]
    public async Task A_devices_commands_are_listed_newest_first_with_a_result_summary_and_no_arguments_or_result_body()
    {
        var device = Device("PCMD" + RandomNumberGenerator.GetHexString(8), "ACME", "M1", DeviceState.Active);
        await InsertAsync(device);
        var store = Services.GetRequiredService<IDeviceCommandStore>();
        var now = DateTimeOffset.UtcNow;
        var done = new DeviceCommandRecord(
            Guid.NewGuid().ToString(), device.SerialNo, "getDeviceInfo", "{\"secretArgument\":\"ARG-VALUE\"}", DeviceCommandState.Succeeded,
            now.AddMinutes(-10), now.AddHours(1), now.AddMinutes(-9), now.AddMinutes(-8), 1, 3,
            "{\"firmwareVersion\":\"2.4.1\",\"serialNumberOfChip\":\"CHIP-VALUE\",\"logs\":[\"LOG-VALUE\"]}", "SYSTEM");
        var queued = new DeviceCommandRecord(
            Guid.NewGuid().ToString(), device.SerialNo, "syncTime", "{}", DeviceCommandState.Queued, now.AddMinutes(-1), now.AddHours(1), null, null, 0, 3, null, "SYSTEM");
        Assert.True(await store.TryInsertCommandAsync(done, Ct));
        Assert.True(await store.TryInsertCommandAsync(queued, Ct));
        using var viewer = fixture.Host.Client(token: await fixture.Host.TokenAsync("vera", "DEVICE_VIEWER"));

        using var response = await viewer.GetAsync($"/admin/devices/{device.SerialNo}/commands");
        var text = await response.Content.ReadAsStringAsync();
        var listed = JsonNode.Parse(text)!;
        var succeeded = await GetJsonAsync(viewer, $"/admin/devices/{device.SerialNo}/commands?state=succeeded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(device.SerialNo, listed["serial"]!.GetValue<string>());
        var commands = listed["commands"]!.AsArray();
        Assert.Equal([queued.CmdId, done.CmdId], commands.Select(c => c!["id"]!.GetValue<string>()));
        var first = commands[1]!;
        Assert.Equal("getDeviceInfo", first["kind"]!.GetValue<string>());
        Assert.Equal("Succeeded", first["state"]!.GetValue<string>());
        Assert.Equal(done.CompletedAt!.Value.ToUnixTimeMilliseconds(), first["completedAt"]!.GetValue<DateTimeOffset>().ToUnixTimeMilliseconds());
        Assert.NotNull(first["createdAt"]);
        Assert.NotNull(first["expiresAt"]);
        Assert.Equal("2.4.1", first["result"]!["values"]!["firmwareVersion"]!.GetValue<string>());
        Assert.Equal(["firmwareVersion", "serialNumberOfChip", "logs"], first["result"]!["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.DoesNotContain("CHIP-VALUE", text, StringComparison.Ordinal);
        Assert.DoesNotContain("LOG-VALUE", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ARG-VALUE", text, StringComparison.Ordinal);
        Assert.Null(commands[0]!["result"]);
        Assert.Equal(done.CmdId, Assert.Single(succeeded["commands"]!.AsArray())!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/admin/devices/NO-SUCH-DEVICE/commands", HttpStatusCode.NotFound, "KER-DEV-101")]
    [InlineData("/admin/devices/SN1/commands?state=Exploded", HttpStatusCode.BadRequest, "KER-DEV-110")]
    [InlineData("/admin/devices/SN1/commands?state=2", HttpStatusCode.BadRequest, "KER-DEV-110")]
    [InlineData("/admin/devices/SN1/commands?limit=0", HttpStatusCode.BadRequest, "KER-DEV-110")]
    [InlineData("/admin/devices/SN1/commands?limit=501", HttpStatusCode.BadRequest, "KER-DEV-110")]
    public async Task Bad_command_queries_get_a_coded_answer(string path, HttpStatusCode status, string code)
    {
        using var viewer = fixture.Host.Client(token: await fixture.Host.TokenAsync("vera", "DEVICE_VIEWER"));

        await ErrorAssert.CodeAsync(await viewer.GetAsync(path), status, code);
    }

    [Fact]
    public async Task The_reason_header_of_an_action_is_recorded_cleaned_and_quoted_in_its_audit_event_and_only_there()
    {
        var device = Device("PRSN" + RandomNumberGenerator.GetHexString(8), "ACME", "M1", DeviceState.Active);
        var other = Device("PRSN" + RandomNumberGenerator.GetHexString(8), "ACME", "M1", DeviceState.Active);
        await InsertAsync(device, other);
        using var admin = fixture.Host.Client(token: await fixture.Host.TokenAsync("adam", "DEVICE_ADMIN"));
        var reason = "Ticket \"INC-42\" lost\\stolen " + new string('x', 300);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/devices/{device.SerialNo}/deregister")
        {
            Content = JsonContent.Create(new { reason = "retired" }),
        };
        request.Headers.Add("X-Kavach-Reason", reason);
        using var response = await admin.SendAsync(request);
        using var without = await admin.PostAsJsonAsync($"/admin/devices/{other.SerialNo}/deregister", new { reason = "retired" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(HttpStatusCode.Created, without.StatusCode);
        var trail = Services.GetRequiredService<AuditTrail>();
        await trail.FlushAsync(Ct);
        var records = await trail.Store.ReadAuditRecordsAsync(long.MinValue, long.MaxValue, int.MaxValue, Ct);
        var withReason = records.Where(r => r.Entry.RefId == device.SerialNo && r.Entry.Operation.StartsWith("device.deregister", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(withReason);
        var expected = "reason=\"Ticket \\\"INC-42\\\" lost\\\\stolen " + new string('x', 200 - "Ticket \"INC-42\" lost\\stolen ".Length) + "\"";
        Assert.All(withReason, r => Assert.EndsWith(expected, r.Entry.Detail, StringComparison.Ordinal));
        Assert.DoesNotContain(records, r => r.Entry.RefId == other.SerialNo && (r.Entry.Detail ?? string.Empty).Contains("reason=", StringComparison.Ordinal));
    }

    private static DeviceRecord Device(string provider, string make, string model, DeviceState state) =>
        new(
            "SN" + RandomNumberGenerator.GetHexString(14), null, provider, make, model, "Finger", "Slap", "L1", "Auth", "Staging",
            RandomNumberGenerator.GetHexString(64, true), null, state, 0, null, null, 0, false, "BATCH-CONSOLE", DateTimeOffset.UtcNow, 0);

    private async Task InsertAsync(params DeviceRecord[] devices) =>
        Assert.True(await Services.GetRequiredService<IDeviceRegistryStore>().TryInsertDevicesAsync(devices, Ct));

    private static async Task<JsonNode> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}
