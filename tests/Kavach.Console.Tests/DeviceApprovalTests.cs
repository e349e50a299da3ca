using Kavach.Console.Tests.Support;
using Microsoft.Playwright;

namespace Kavach.Console.Tests;

/// <summary>Four eyes on the devices page: a whitelist batch is approved by a second person, never by its importer.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class DeviceApprovalTests(ConsoleEnvironment environment, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Attack_the_importer_cannot_approve_its_own_batch_from_the_devices_page_and_a_second_person_can()
    {
        using var api = environment.Devices.Client(token: await environment.Devices.AdminTokenAsync());
        var pending = await DeviceSeeding.BatchStateAsync(api, ConsoleEnvironment.PendingBatch);
        Assert.Contains("pending", pending, StringComparison.OrdinalIgnoreCase);

        // The importer (who also holds the approver role) tries: refused, shown, nothing changes.
        await using (var importer = await OpenDevicesAsync(environment.DeviceImporterToken))
        {
            await ApproveAsync(importer);
            await Assertions.Expect(importer.Page.Locator("[data-testid=error]")).ToBeVisibleAsync();
            await importer.ScreenshotAsync("devices-own-approval-refused");
        }

        Assert.Equal(pending, await DeviceSeeding.BatchStateAsync(api, ConsoleEnvironment.PendingBatch));

        // A second person approves: the batch is approved and its devices are whitelisted.
        await using (var approver = await OpenDevicesAsync(environment.DeviceApproverToken))
        {
            await ApproveAsync(approver);
            await Assertions.Expect(BatchRow(approver).Locator("button[data-action=approve]")).ToHaveCountAsync(0);
            await approver.ScreenshotAsync("devices-approved");
        }

        Assert.Contains("approved", await DeviceSeeding.BatchStateAsync(api, ConsoleEnvironment.PendingBatch), StringComparison.OrdinalIgnoreCase);
        using var device = await api.GetAsync("/admin/devices/SNCONSOLE0101");
        Assert.Contains("\"Whitelisted\"", await device.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<BrowserSession> OpenDevicesAsync(string deviceToken)
    {
        var session = await browser.OpenAsync(trustDeviceServerTls: true);
        await session.SignInWithTokenAsync(environment.ConsoleUrl, environment.AdminToken, environment.KeyManager.Runtime.Options.Security.LocalIssuer.AdminSubject);
        await session.Page.GotoAsync(environment.ConsoleUrl + "#/devices");
        await session.ConnectDevicesAsync(deviceToken);
        return session;
    }

    private static ILocator BatchRow(BrowserSession session) =>
        session.Page.Locator("[data-testid=whitelist-table] tr").Filter(new() { HasText = ConsoleEnvironment.PendingBatch });

    private static async Task ApproveAsync(BrowserSession session)
    {
        // Every console action asks for a reason (sent as X-Kavach-Reason) in the confirm dialog.
        await BatchRow(session).Locator("button[data-action=approve]").ClickAsync();
        var dialog = session.Page.Locator("[data-testid=confirm-dialog]");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.Locator("[data-testid=confirm-reason]").FillAsync("console test: batch checked against the factory manifest");
        await dialog.Locator("[data-testid=confirm-ok]").ClickAsync();
    }
}
