using System.CommandLine;
using System.Text;
using Kavach.Keys.Errors;
using Kavach.Trust.Channel;

namespace Kavach.Cli.Commands;

/// <summary>
/// <c>kavach partner onboard | renew | revoke | show | list</c>: partner onboarding for the partner channel, through the
/// same service as the server's <c>/partners</c> endpoints, on the same data directory and database.
/// </summary>
public static class PartnerCommand
{
    /// <summary>The files <c>onboard</c> and <c>renew</c> write into <c>--out</c>.</summary>
    public static readonly IReadOnlyList<string> OutputFiles = [TlsChainFile, SigningFile, EncryptionFile, CaBundleFile];

    private const string TlsChainFile = "tls-chain.pem";
    private const string SigningFile = "server-signing.pem";
    private const string EncryptionFile = "server-encryption.pem";
    private const string CaBundleFile = "ca-bundle.pem";

    // The local operator acts as the server's admin does (cr_by, and access_allowed of the PMS key).
    private const string Operator = "admin";

    /// <summary>Creates the command group.</summary>
    public static Command Create(CliConsole console)
    {
        var partner = new Command("partner", "Partner onboarding for the partner channel: TLS client certificates from the partner TLS CA, renewal, revocation");
        partner.Subcommands.Add(Onboard(console));
        partner.Subcommands.Add(Renew(console));
        partner.Subcommands.Add(Revoke(console));
        partner.Subcommands.Add(Show(console));
        partner.Subcommands.Add(List(console));
        return partner;
    }

    private static Option<string> PartnerId() => new("--partner-id") { Description = "The partner id (its TLS certificate's common name)", Required = true };

    private static Option<string> Csr() => new("--tls-csr") { Description = "The partner's TLS certificate signing request (PEM or DER file)", Required = true };

    private static Option<string> Out() => new("--out") { Description = $"Directory to write {string.Join(", ", OutputFiles)} into (created when missing)", Required = true };

    private static Command Onboard(CliConsole console)
    {
        var partnerId = PartnerId();
        var organization = new Option<string>("--org") { Description = "The partner's organisation: must equal the O of its certificates", Required = true };
        var domain = new Option<string?>("--domain") { Description = "Trust-store domain (default AUTH)" };
        var ca = new Option<string>("--ca") { Description = "The partner's CA certificate(s), PEM", Required = true };
        var signing = new Option<string>("--signing-cert") { Description = "The partner's signature certificate, PEM", Required = true };
        var encryption = new Option<string>("--encryption-cert") { Description = "The partner's encryption certificate, PEM", Required = true };
        var csr = Csr();
        var output = Out();
        var application = new Option<string?>("--application-id") { Description = "Our application the partner talks to (default IDA)" };
        var command = new Command("onboard", "Onboard a partner in one step: its CA and certificates into the trust store, a TLS client certificate, our certificates to pin")
        {
            partnerId, organization, domain, ca, signing, encryption, csr, output, application,
        };
        command.SetAction((parse, ct) => CliActions.RunAsync(console, async () =>
        {
            var request = new PartnerOnboardingRequest(
                parse.GetValue(partnerId),
                parse.GetValue(organization),
                parse.GetValue(domain),
                await TextAsync(parse.GetValue(ca)!, ct),
                await TextAsync(parse.GetValue(signing)!, ct),
                await TextAsync(parse.GetValue(encryption)!, ct),
                await CsrTextAsync(parse.GetValue(csr)!, ct),
                parse.GetValue(application));
            await using var kavach = await CliKavach.OpenAsync(parse, ct);
            await using var audit = await CliAudit.BeginAsync(kavach, "partner.onboard", Pair("partner", request.PartnerId), ct);
            var result = await kavach.PartnerOnboarding.OnboardAsync(request, Operator, ct);
            await audit.CompleteAsync(result, result.IsSuccess ? Pair("tlsSerial", result.Value.Partner.TlsCertificateSerials[0]) : null, ct);
            await WriteFilesAsync(Check(result), parse.GetValue(output)!, console, ct);
        }));
        return command;
    }

    private static Command Renew(CliConsole console)
    {
        var partnerId = PartnerId();
        var csr = Csr();
        var output = Out();
        var command = new Command("renew", "Issue a partner a new TLS client certificate (the previous one stays accepted until it expires)") { partnerId, csr, output };
        command.SetAction((parse, ct) => CliActions.RunAsync(console, async () =>
        {
            var text = await CsrTextAsync(parse.GetValue(csr)!, ct);
            await using var kavach = await CliKavach.OpenAsync(parse, ct);
            await using var audit = await CliAudit.BeginAsync(kavach, "partner.renew", Pair("partner", parse.GetValue(partnerId)), ct);
            var result = await kavach.PartnerOnboarding.RenewAsync(parse.GetValue(partnerId), text, Operator, ct);
            await audit.CompleteAsync(result, result.IsSuccess ? Pair("tlsSerial", result.Value.Partner.TlsCertificateSerials[0]) : null, ct);
            await WriteFilesAsync(Check(result), parse.GetValue(output)!, console, ct);
        }));
        return command;
    }

    private static Command Revoke(CliConsole console)
    {
        var partnerId = PartnerId();
        var reason = new Option<string>("--reason") { Description = "Why (recorded)", Required = true };
        var command = new Command("revoke", "Revoke a partner: its TLS, signature and encryption certificates are refused from the next request on") { partnerId, reason };
        command.SetAction((parse, ct) => CliActions.RunAsync(console, async () =>
        {
            await using var kavach = await CliKavach.OpenAsync(parse, ct);
            await using var audit = await CliAudit.BeginAsync(kavach, "partner.revoke", Pair("partner", parse.GetValue(partnerId)), ct);
            var result = await kavach.PartnerOnboarding.RevokeAsync(parse.GetValue(partnerId), parse.GetValue(reason), Operator, ct);
            await audit.CompleteAsync(result, null, ct);
            var revoked = Check(result);
            await console.Out.WriteLineAsync($"{revoked.PartnerId}: {revoked.Status}");
        }));
        return command;
    }

    private static Command Show(CliConsole console)
    {
        var partnerId = new Argument<string>("partner-id") { Description = "The partner id" };
        var json = CliOptions.Json();
        var command = new Command("show", "One onboarded partner: state, domain, application, accepted TLS serials") { partnerId, json };
        command.SetAction((parse, ct) => CliActions.RunAsync(console, async () =>
        {
            await using var kavach = await CliKavach.OpenExistingAsync(parse, ct);
            var partner = Check(await kavach.PartnerOnboarding.GetAsync(parse.GetValue(partnerId), ct));
            if (parse.GetValue(json))
            {
                await CliOutput.WriteJsonAsync(console, partner, PartnerCliJsonContext.Default.ChannelPartnerView);
                return;
            }

            await console.Out.WriteLineAsync($"partner id:      {partner.PartnerId}");
            await console.Out.WriteLineAsync($"organization:    {partner.OrganizationName}");
            await console.Out.WriteLineAsync($"domain:          {partner.PartnerDomain}");
            await console.Out.WriteLineAsync($"application:     {partner.ApplicationId}");
            await console.Out.WriteLineAsync($"status:          {partner.Status}");
            await console.Out.WriteLineAsync($"TLS serials:     {string.Join(", ", partner.TlsCertificateSerials)}");
            await console.Out.WriteLineAsync($"TLS not after:   {partner.TlsNotAfter:u}");
            if (partner.RevokedAt is { } revokedAt)
            {
                await console.Out.WriteLineAsync($"revoked:         {revokedAt:u} ({partner.RevocationReason})");
            }
        }));
        return command;
    }

    private static Command List(CliConsole console)
    {
        var json = CliOptions.Json();
        var command = new Command("list", "The onboarded partners") { json };
        command.SetAction((parse, ct) => CliActions.RunAsync(console, async () =>
        {
            await using var kavach = await CliKavach.OpenExistingAsync(parse, ct);
            var partners = (await kavach.PartnerOnboarding.ListAsync(ct)).ToList();
            if (parse.GetValue(json))
            {
                await CliOutput.WriteJsonAsync(console, partners, PartnerCliJsonContext.Default.ListChannelPartnerView);
                return;
            }

            await CliOutput.WriteTableAsync(
                console,
                ["partner id", "organization", "domain", "application", "status", "TLS not after (UTC)"],
                partners.Select(p => (IReadOnlyList<string>)[p.PartnerId, p.OrganizationName, p.PartnerDomain, p.ApplicationId, p.Status, p.TlsNotAfter.ToString("u")]));
        }));
        return command;
    }

    private static async Task WriteFilesAsync(PartnerOnboardingResult result, string directory, CliConsole console, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliFailureException($"cannot create {directory}: {e.Message}");
        }

        // Certificates only: nothing written here is secret.
        (string Name, string Pem)[] files =
        [
            (TlsChainFile, result.TlsChain),
            (SigningFile, result.ServerSigningCertificate),
            (EncryptionFile, result.ServerEncryptionCertificate),
            (CaBundleFile, result.CaBundle),
        ];
        foreach (var (name, pem) in files)
        {
            await CliFiles.WriteAsync(Path.Combine(directory, name), Encoding.ASCII.GetBytes(pem), console, cancellationToken);
        }

        await console.Out.WriteLineAsync($"partner {result.Partner.PartnerId}: {result.Partner.Status}, TLS serial {result.Partner.TlsCertificateSerials[0]}, until {result.Partner.TlsNotAfter:u}");
        await console.Out.WriteLineAsync($"wrote {string.Join(", ", files.Select(f => Path.Combine(directory, f.Name)))}");
    }

    private static async Task<string> TextAsync(string path, CancellationToken cancellationToken) => await CliFiles.ReadTextAsync(path, cancellationToken);

    /// <summary>A CSR file as PEM text, or base64 of DER (which the service also takes).</summary>
    private static async Task<string> CsrTextAsync(string path, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliFailureException($"cannot read {path}: {e.Message}");
        }

        return bytes.Length > 0 && bytes[0] == 0x30 ? Convert.ToBase64String(bytes) : Encoding.UTF8.GetString(bytes);
    }

    // Audit details are space-separated name=value pairs: operator input may not add pairs of its own.
    private static string Pair(string name, string? value) =>
        name + "=" + string.Concat((value ?? string.Empty).Take(64).Select(c => char.IsWhiteSpace(c) || c == '=' ? '_' : c));

    private static T Check<T>(Result<T> result) =>
        result.IsSuccess ? result.Value : throw new CliFailureException($"{result.Error.Code} {result.Error.Message}");
}
