using System.CommandLine;
using System.Globalization;
using System.Text;
using Kavach.Crypto;
using Kavach.Keys.Errors;
using Kavach.Trust.Authorities;
using Kavach.Trust.Paths;

namespace Kavach.Cli.Commands;

/// <summary>
/// <c>kavach trust upload-ca | upload-partner | verify | list | crl upload</c>: the partner trust store, through the
/// same services as the server's endpoints, on the same data directory and database.
/// </summary>
public static class TrustCommand
{
    /// <summary>Exit code of <c>upload-ca</c> when a bundle was only partly stored.</summary>
    public const int PartialExitCode = 3;

    // The local operator acts as the server's admin does: the name recorded in cr_by and checked against
    // key_policy_def.access_allowed for the PMS key.
    private const string Operator = "admin";

    /// <summary>Creates the command group.</summary>
    public static Command Create(CliConsole console)
    {
        var trust = new Command("trust", "The partner trust store: CA and partner certificates, CRLs, trust checks");
        trust.Subcommands.Add(UploadCa(console));
        trust.Subcommands.Add(UploadPartner(console));
        trust.Subcommands.Add(Verify(console));
        trust.Subcommands.Add(List(console));
        var crl = new Command("crl", "Certificate revocation lists of trusted CAs");
        crl.Subcommands.Add(UploadCrl(console));
        trust.Subcommands.Add(crl);
        return trust;
    }

    private static Option<string> Domain(bool required = true) =>
        new("--domain") { Description = "Partner domain (AUTH, DEVICE, FTM, TRUST_CA, ...)", Required = required };

    private static Option<string?> File(string description) => new("--file") { Description = description + " (default: standard input)" };

    private static Command UploadCa(CliConsole console)
    {
        var domain = Domain();
        var file = File("PEM certificate(s), or a PKCS#7 bundle (PEM, DER or base64url DER)");
        var command = new Command("upload-ca", "Add root and intermediate CA certificates to a domain (uploadCACertificate)") { domain, file };
        command.SetAction((parse, ct) => CliActions.RunAsync(console, async () =>
        {
            var data = await ReadCertificateDataAsync(parse.GetValue(file), console, ct);
            await using var kavach = await OpenAsync(parse, ct);
            await using var audit = await CliAudit.BeginAsync(kavach, "trust.upload.ca", Pair("domain", parse.GetValue(domain)), ct);
            var upload = await kavach.Trust.CaCertificates.UploadAsync(data, parse.GetValue(domain), Operator, ct);
            await audit.CompleteAsync(upload, upload.IsSuccess ? Pair("status", upload.Value.ToString()) : null, ct);
            var status = Check(upload);
            await console.Out.WriteLineAsync(status);
            return status switch
            {
                CaUploadStatus.Success => 0,
                CaUploadStatus.Partial => PartialExitCode,
                _ => 1,
            };
        }));
        return command;
    }

    private static Command UploadPartner(CliConsole console)
    {
        var domain = Domain();
        var organization = new Option<string>("--org") { Description = "The partner's organisation: must equal the certificate's O exactly", Required = true };
        var file = File("The partner's PEM certificate");
        var output = new Option<string?>("--out") { Description = "Write the returned chain here as DER PKCS#7 (default: print it as base64url)" };
        var command = new Command("upload-partner", "Check, re-sign with the PMS key and store a partner certificate (uploadPartnerCertificate)") { domain, organization, file, output };
        command.SetAction((parse, ct) => CliActions.RunAsync(console, async () =>
        {
            var pem = Encoding.UTF8.GetString(await CliFiles.ReadAsync(parse.GetValue(file), console, ct));
            await using var kavach = await OpenAsync(parse, ct);
            await using var audit = await CliAudit.BeginAsync(
                kavach, "trust.upload.partner", Pair("domain", parse.GetValue(domain)) + " " + Pair("organization", parse.GetValue(organization)), ct);
            var upload = await kavach.Trust.Partners.UploadAsync(pem, parse.GetValue(organization), parse.GetValue(domain), Operator, ct);
            await audit.CompleteAsync(upload, upload.IsSuccess ? Pair("certificateId", upload.Value.CertificateId) : null, ct);
            var result = Check(upload);
            await console.Out.WriteLineAsync($"certificateId: {result.CertificateId}");
            await console.Out.WriteLineAsync($"trust store: {result.TrustStoreStatus}");
            if (parse.GetValue(output) is { } path)
            {
                Base64Url.TryDecodeUrlSafe(result.SignedCertificateData, out var der);
                await CliFiles.WriteAsync(path, der, console, ct);
            }
            else
            {
                await console.Out.WriteLineAsync(result.SignedCertificateData);
            }
        }));
        return command;
    }

    private static Command Verify(CliConsole console)
    {
        var domain = Domain();
        var file = File("The PEM certificate to check");
        var command = new Command("verify", "Does a certificate have a trust path in the domain now? 'trusted' (exit 0) or why not (exit 1)") { domain, file };
        command.SetAction((parse, ct) => CliActions.RunAsync(console, async () =>
        {
            var pem = Encoding.UTF8.GetString(await CliFiles.ReadAsync(parse.GetValue(file), console, ct));
            await using var kavach = await CliKavach.OpenExistingAsync(parse, ct);
            var evaluation = Check(await kavach.Trust.Verification.VerifyAsync(pem, parse.GetValue(domain), ct));
            if (!evaluation.IsTrusted)
            {
                var detail = evaluation.RevokedSubject is { } subject ? $" ({subject})" : string.Empty;
                throw new CliFailureException($"not trusted: {evaluation.Reason}{detail}");
            }

            await console.Out.WriteLineAsync("trusted");
            foreach (var certificate in evaluation.Path)
            {
                await console.Out.WriteLineAsync("  " + Kavach.Trust.Certificates.DistinguishedNames.Format(certificate.SubjectName));
            }
        }));
        return command;
    }

    private static Command List(CliConsole console)
    {
        var domain = Domain(required: false);
        var json = CliOptions.Json();
        var command = new Command("list", "The CA certificates of every domain (or one) and whether each validates now") { domain, json };
        command.SetAction((parse, ct) => CliActions.RunAsync(console, async () =>
        {
            await using var kavach = await CliKavach.OpenExistingAsync(parse, ct);
            string? only = null;
            if (parse.GetValue(domain) is { } named)
            {
                only = Check(kavach.Trust.Domains.Validate(named));
            }

            var rows = (await kavach.Trust.Inventory.ListAsync(only, ct)).Select(entry => new TrustRow(
                entry.Record.PartnerDomain,
                entry.Record.CaCertificateType,
                entry.Record.CertId,
                entry.Record.Subject,
                entry.Record.Issuer,
                entry.Record.NotBefore,
                entry.Record.NotAfter,
                entry.Record.Thumbprint,
                Status(entry.Verdict))).ToList();
            if (parse.GetValue(json))
            {
                await CliOutput.WriteJsonAsync(console, rows, TrustCliJsonContext.Default.ListTrustRow);
                return;
            }

            await CliOutput.WriteTableAsync(
                console,
                ["domain", "type", "id", "subject", "not after (UTC)", "status"],
                rows.Select(row => (IReadOnlyList<string>)[row.PartnerDomain, row.CaCertificateType, row.CertId, row.Subject, row.NotAfter.ToString("u"), row.Status]));
        }));
        return command;
    }

    private static Command UploadCrl(CliConsole console)
    {
        var domain = Domain(required: false);
        var file = File("The CRL: PEM, DER or base64");
        var command = new Command("upload", "Store a CA's CRL; what it lists stops validating at once (uploadCRL)") { file, domain };
        command.SetAction((parse, ct) => CliActions.RunAsync(console, async () =>
        {
            var data = await ReadCertificateDataAsync(parse.GetValue(file), console, ct);
            await using var kavach = await OpenAsync(parse, ct);
            await using var audit = await CliAudit.BeginAsync(kavach, "trust.upload.crl", parse.GetValue(domain) is { } named ? Pair("domain", named) : null, ct);
            var upload = await kavach.Trust.Crls.UploadAsync(data, parse.GetValue(domain), Operator, ct);
            await audit.CompleteAsync(upload, upload.IsSuccess ? Pair("revoked", upload.Value.RevokedCount.ToString(CultureInfo.InvariantCulture)) : null, ct);
            var result = Check(upload);
            await console.Out.WriteLineAsync(
                $"CRL of {result.Issuer} stored: {result.RevokedCount} revoked, thisUpdate {result.ThisUpdate:u}, domains {string.Join(",", result.Domains)}");
        }));
        return command;
    }

    private static Task<CliKavach> OpenAsync(ParseResult parse, CancellationToken cancellationToken) =>
        CliKavach.OpenAsync(parse, cancellationToken);

    /// <summary>Text as given (PEM, base64); binary DER becomes base64url, which the services accept for bundles and CRLs.</summary>
    private static async Task<string> ReadCertificateDataAsync(string? path, CliConsole console, CancellationToken cancellationToken)
    {
        var bytes = await CliFiles.ReadAsync(path, console, cancellationToken);
        return bytes.Length > 0 && bytes[0] == 0x30 ? Base64Url.Encode(bytes) : Encoding.UTF8.GetString(bytes);
    }

    // Audit details are space-separated name=value pairs: operator input may not add pairs of its own.
    private static string Pair(string name, string? value) =>
        name + "=" + string.Concat((value ?? string.Empty).Take(64).Select(c => char.IsWhiteSpace(c) || c == '=' ? '_' : c));

    private static T Check<T>(Result<T> result) =>
        result.IsSuccess ? result.Value : throw new CliFailureException($"{result.Error.Code} {result.Error.Message}");

    private static string Status(TrustVerdict verdict) => verdict switch
    {
        TrustVerdict.Trusted => "valid",
        TrustVerdict.Revoked => "revoked",
        TrustVerdict.NotTimeValid => "expired",
        _ => "no-path",
    };
}
