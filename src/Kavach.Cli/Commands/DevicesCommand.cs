using System.CommandLine;
using System.Text.Json.Nodes;

namespace Kavach.Cli.Commands;

/// <summary>
/// <c>kavach devices …</c>: drives the device server's admin API (<c>--server URL --token T</c>): providers, models,
/// whitelist batches, approvals, the registry, commands, de-registration and releases (docs/cli.md).
/// </summary>
public static class DevicesCommand
{
    /// <summary>Creates the command group.</summary>
    public static Command Create(CliConsole console)
    {
        var command = new Command("devices", "The device management server's admin API (--server URL --token T)");
        command.Options.Add(DevicesCliOptions.Server);
        command.Options.Add(DevicesCliOptions.Token);
        command.Options.Add(DevicesCliOptions.TokenFile);
        command.Options.Add(DevicesCliOptions.Ca);
        command.Subcommands.Add(Providers(console));
        command.Subcommands.Add(Models(console));
        command.Subcommands.Add(Whitelist(console));
        command.Subcommands.Add(Approvals(console));
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Show(console));
        command.Subcommands.Add(SendCommand(console));
        command.Subcommands.Add(Deregister(console));
        command.Subcommands.Add(Releases(console));
        command.Subcommands.Add(DevicesLogCommand.Create(console));
        return command;
    }

    private static Command Providers(CliConsole console)
    {
        var id = new Option<string>("--id") { Description = "The provider's MOSIP PMS partner id", Required = true };
        var name = new Option<string>("--name") { Description = "The exact PMS organisation name (the O of its certificates)", Required = true };
        var kind = new Option<string>("--kind") { Description = "DEVICE (a device provider) or FTM (an FTM chip provider)", DefaultValueFactory = _ => "DEVICE" };
        var ca = new Option<string[]>("--provider-ca") { Description = "PEM file(s) of the provider's CA chain (uploaded into trust domain DEVICE or FTM)", AllowMultipleArgumentsPerToken = true };
        var add = new Command("add", "Register a device or FTM provider with its CA chain") { id, name, kind, ca, CliOptions.Json() };
        add.SetAction((parse, ct) => DevicesRun.RunAsync(console, parse, client => client.PostJsonAsync("/admin/providers", new JsonObject
        {
            ["providerId"] = parse.GetValue(id),
            ["organizationName"] = parse.GetValue(name),
            ["kind"] = parse.GetValue(kind),
            ["caCertificates"] = DevicesRun.Pems(parse.GetValue(ca)),
        }, ct)));
        var list = new Command("list", "List the device and FTM providers") { CliOptions.Json() };
        list.SetAction((parse, ct) => DevicesRun.RunAsync(console, parse, client => client.GetAsync("/admin/providers", ct)));
        return new Command("providers", "Device and FTM providers") { add, list };
    }

    private static Command Models(CliConsole console)
    {
        var id = new Option<string>("--id") { Description = "The PMS device detail id", Required = true };
        var provider = new Option<string>("--provider") { Description = "Provider id", Required = true };
        var make = new Option<string>("--make") { Description = "Make (≤ 36 characters, as in PMS)", Required = true };
        var model = new Option<string>("--model") { Description = "Model (≤ 36 characters, as in PMS)", Required = true };
        var type = new Option<string>("--type") { Description = "Finger, Iris or Face", Required = true };
        var subType = new Option<string>("--sub-type") { Description = "Finger: Slap, Single, Touchless; Iris: Single, Double; Face: Full face", Required = true };
        var approve = new Command("approve", "Approve a make and model (MOSIP PMS DeviceDetail fields)") { id, provider, make, model, type, subType, CliOptions.Json() };
        approve.SetAction((parse, ct) => DevicesRun.RunAsync(console, parse, client => client.PostJsonAsync("/admin/models", new JsonObject
        {
            ["id"] = parse.GetValue(id),
            ["deviceProviderId"] = parse.GetValue(provider),
            ["deviceTypeCode"] = parse.GetValue(type),
            ["deviceSubTypeCode"] = parse.GetValue(subType),
            ["make"] = parse.GetValue(make),
            ["model"] = parse.GetValue(model),
        }, ct)));
        var list = new Command("list", "List the approved models") { CliOptions.Json() };
        list.SetAction((parse, ct) => DevicesRun.RunAsync(console, parse, client => client.GetAsync("/admin/models", ct)));
        return new Command("models", "Approved makes and models") { approve, list };
    }

    private static Command Whitelist(CliConsole console)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The provider's signed whitelist batch (compact JWS)" };
        var import = new Command("import", "Import a signed whitelist batch (it waits for a second administrator's approval)") { file, CliOptions.Json() };
        import.SetAction((parse, ct) => DevicesRun.RunAsync(console, parse, async client =>
        {
            var path = parse.GetValue(file)!;
            var bytes = await DevicesRun.ReadFileAsync(path.FullName, ct);
            return await client.PostBytesAsync("/admin/whitelist", bytes, "application/jose", ct);
        }));
        var batch = new Argument<string>("BATCH") { Description = "The batch id printed by import" };
        var approve = new Command("approve", "Approve an imported batch (an approver other than the importer)") { batch, CliOptions.Json() };
        approve.SetAction((parse, ct) => DevicesRun.RunAsync(console, parse, client =>
            client.PostJsonAsync($"/admin/whitelist/{Uri.EscapeDataString(parse.GetValue(batch)!)}/approve", null, ct)));
        return new Command("whitelist", "Signed whitelist batches") { import, approve };
    }

    private static Command Approvals(CliConsole console)
    {
        var list = new Command("list", "Pending four-eyes requests") { CliOptions.Json() };
        list.SetAction((parse, ct) => DevicesRun.RunAsync(console, parse, client => client.GetAsync("/admin/approvals", ct)));
        var id = new Argument<string>("ID") { Description = "The request id" };
        var approve = new Command("approve", "Approve a request (not your own)") { id, CliOptions.Json() };
        approve.SetAction((parse, ct) => DevicesRun.RunAsync(console, parse, client =>
            client.PostJsonAsync($"/admin/approvals/{Uri.EscapeDataString(parse.GetValue(id)!)}/approve", null, ct)));
        var rejectId = new Argument<string>("ID") { Description = "The request id" };
        var reason = new Option<string>("--reason") { Description = "Why (recorded in the audit trail)", Required = true };
        var reject = new Command("reject", "Reject a request") { rejectId, reason, CliOptions.Json() };
        reject.SetAction((parse, ct) => DevicesRun.RunAsync(console, parse, client =>
            client.PostJsonAsync($"/admin/approvals/{Uri.EscapeDataString(parse.GetValue(rejectId)!)}/reject", new JsonObject { ["reason"] = parse.GetValue(reason) }, ct)));
        return new Command("approvals", "Four-eyes approvals") { list, approve, reject };
    }

    private static Command List(CliConsole console)
    {
        var state = new Option<string?>("--state") { Description = "Only devices in this state (Whitelisted, Active, Deregistered, …)" };
        var provider = new Option<string?>("--provider") { Description = "Only this provider's devices" };
        var limit = new Option<int>("--limit") { Description = "Page size (1–1000)", DefaultValueFactory = _ => 100 };
        var after = new Option<string?>("--after") { Description = "Start after this serial (the previous page's next)" };
        var json = CliOptions.Json();
        var list = new Command("list", "List registered devices") { state, provider, limit, after, json };
        list.SetAction((parse, ct) => DevicesRun.RunAsync(console, parse, async client =>
        {
            var query = new List<string> { $"limit={parse.GetValue(limit)}" };
            DevicesRun.AddQuery(query, "state", parse.GetValue(state));
            DevicesRun.AddQuery(query, "provider", parse.GetValue(provider));
            DevicesRun.AddQuery(query, "after", parse.GetValue(after));
            var page = await client.GetAsync("/admin/devices?" + string.Join('&', query), ct);
            if (parse.GetValue(json))
            {
                return page?["devices"]?.DeepClone() ?? new JsonArray();
            }

            await CliOutput.WriteTableAsync(
                console,
                ["serial", "state", "provider", "make", "model", "certification", "last check-in"],
                (page?["devices"]?.AsArray() ?? []).Select(d => (IReadOnlyList<string>)
                [
                    Text(d, "serialNo"), Text(d, "state"), Text(d, "providerId"), Text(d, "make"), Text(d, "model"), Text(d, "certification"), Text(d, "lastCheckIn"),
                ]));
            return null;
        }, tableWritten: true));
        return list;
    }

    private static Command Show(CliConsole console)
    {
        var serial = new Argument<string>("SERIAL") { Description = "The device serial number" };
        var show = new Command("show", "Show one device") { serial, CliOptions.Json() };
        show.SetAction((parse, ct) => DevicesRun.RunAsync(console, parse, client =>
            client.GetAsync($"/admin/devices/{Uri.EscapeDataString(parse.GetValue(serial)!)}", ct)));
        return show;
    }

    private static Command SendCommand(CliConsole console)
    {
        var serial = new Argument<string>("SERIAL") { Description = "The device serial number" };
        var kind = new Argument<string>("KIND") { Description = "A command of the closed catalogue: getDeviceInfo, syncTime, rotateKey, setPolicy, uploadLogs, updateAvailable" };
        var args = new Option<string?>("--args") { Description = "The command's arguments as a JSON object" };
        var command = new Command("command", "Queue a command for a device") { serial, kind, args, CliOptions.Json() };
        command.SetAction((parse, ct) => DevicesRun.RunAsync(console, parse, client =>
        {
            var body = new JsonObject { ["kind"] = parse.GetValue(kind) };
            if (parse.GetValue(args) is { } text)
            {
                body["arguments"] = DevicesRun.ParseObject(text, "--args");
            }

            return client.PostJsonAsync($"/admin/devices/{Uri.EscapeDataString(parse.GetValue(serial)!)}/commands", body, ct);
        }));
        return command;
    }

    private static Command Deregister(CliConsole console)
    {
        var serial = new Argument<string>("SERIAL") { Description = "The device serial number" };
        var reason = new Option<string>("--reason") { Description = "Why: decommissioned, compromised, lost, … (recorded; a second approver confirms)", Required = true };
        var deregister = new Command("deregister", "Request de-registration of a device (four-eyes)") { serial, reason, CliOptions.Json() };
        deregister.SetAction((parse, ct) => DevicesRun.RunAsync(console, parse, client =>
            client.PostJsonAsync($"/admin/devices/{Uri.EscapeDataString(parse.GetValue(serial)!)}/deregister", new JsonObject { ["reason"] = parse.GetValue(reason) }, ct)));
        return deregister;
    }

    private static Command Releases(CliConsole console)
    {
        var manifest = new Option<FileInfo>("--manifest") { Description = "The offline-signed release document", Required = true };
        var artifact = new Option<FileInfo?>("--artifact") { Description = "The firmware artifact the release names (uploaded first)" };
        var publish = new Command("publish", "Upload a release's artifact, then publish its signed document") { manifest, artifact, CliOptions.Json() };
        publish.SetAction((parse, ct) => DevicesRun.RunAsync(console, parse, async client =>
        {
            if (parse.GetValue(artifact) is { } file)
            {
                var bytes = await DevicesRun.ReadFileAsync(file.FullName, ct);
                await client.PostBytesAsync($"/admin/artifacts?name={Uri.EscapeDataString(file.Name)}", bytes, "application/octet-stream", ct);
            }

            var document = await DevicesRun.ReadFileAsync(parse.GetValue(manifest)!.FullName, ct);
            return await client.PostBytesAsync("/admin/releases", document, "application/json", ct);
        }));
        var trustFile = new Argument<FileInfo>("FILE") { Description = "The trust document signed by the Release Root key(s)" };
        var trust = new Command("trust", "Publish a new trust document (release and timestamp keys)") { trustFile, CliOptions.Json() };
        trust.SetAction((parse, ct) => DevicesRun.RunAsync(console, parse, async client =>
            await client.PostBytesAsync("/admin/trust", await DevicesRun.ReadFileAsync(parse.GetValue(trustFile)!.FullName, ct), "application/json", ct)));
        var list = new Command("list", "List published releases") { CliOptions.Json() };
        list.SetAction((parse, ct) => DevicesRun.RunAsync(console, parse, client => client.GetAsync("/admin/releases", ct)));
        return new Command("releases", "Signed firmware releases") { publish, trust, list };
    }

    private static string Text(JsonNode? node, string name) => node?[name]?.ToString() ?? string.Empty;
}
