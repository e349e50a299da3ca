using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kavach.Crypto.Jose;

namespace Kavach.Cli.Commands;

/// <summary>Offline <c>kavach jws verify --cert</c>: checks a compact JWS (attached or detached) with a certificate.</summary>
public static class JwsCommand
{
    /// <summary>Creates the command group.</summary>
    public static Command Create(CliConsole console)
    {
        var cert = new Option<string>("--cert") { Description = "Signer certificate (PEM)", Required = true };
        var input = new Option<string?>("--in") { Description = "File with the compact JWS (default: standard input)" };
        var payload = new Option<string?>("--payload") { Description = "The payload of a detached JWS (raw bytes)" };
        var verify = new Command("verify", "Verify a JWS; prints 'valid' (exit 0) or fails (exit 1)") { cert, input, payload };
        verify.SetAction((parse, ct) => CliActions.RunAsync(console, async () =>
        {
            X509Certificate2 certificate;
            try
            {
                certificate = X509Certificate2.CreateFromPem(await CliFiles.ReadTextAsync(parse.GetValue(cert)!, ct));
            }
            catch (CryptographicException)
            {
                throw new CliFailureException("--cert is not a PEM certificate");
            }

            var compact = Encoding.ASCII.GetString(await CliFiles.ReadAsync(parse.GetValue(input), console, ct)).Trim();
            if (!JwsCompact.TryParse(compact, out var parts))
            {
                throw new CliFailureException("input is not a compact JWS");
            }

            bool valid;
            if (parse.GetValue(payload) is { } payloadPath)
            {
                using var key = JwsVerificationKey.FromCertificate(certificate) ?? throw new CliFailureException("--cert holds an unsupported key");
                valid = JwsCompact.VerifyDetached(parts, await CliFiles.ReadAsync(payloadPath, console, ct), key);
            }
            else
            {
                valid = JwsCompact.Verify(parts, certificate);
            }

            if (!valid)
            {
                throw new CliFailureException("invalid signature");
            }

            await console.Out.WriteLineAsync("valid");
        }));
        var jws = new Command("jws", "JSON Web Signatures");
        jws.Subcommands.Add(verify);
        return jws;
    }
}
