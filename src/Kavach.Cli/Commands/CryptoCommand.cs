using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kavach.Crypto;
using Kavach.Crypto.Envelope;

namespace Kavach.Cli.Commands;

/// <summary>
/// Offline <c>kavach crypto encrypt|decrypt</c>: exactly the server's envelope (MOSIP §3.2), for partners and operators
/// who hold a certificate or a private key and no server.
/// </summary>
public static class CryptoCommand
{
    /// <summary>Creates the command group.</summary>
    public static Command Create(CliConsole console)
    {
        var crypto = new Command("crypto", "Encrypt and decrypt MOSIP envelopes offline");
        crypto.Subcommands.Add(Encrypt(console));
        crypto.Subcommands.Add(Decrypt(console));
        return crypto;
    }

    private static Command Encrypt(CliConsole console)
    {
        var cert = new Option<string>("--cert") { Description = "Recipient certificate (PEM)", Required = true };
        var (input, output, salt, aad) = DataOptions();
        var command = new Command("encrypt", "Encrypt data (stdin or --in) for a certificate; writes the base64url envelope") { cert, input, output, salt, aad };
        command.SetAction((parse, ct) => CliActions.RunAsync(console, async () =>
        {
            var pem = await CliFiles.ReadTextAsync(parse.GetValue(cert)!, ct);
            X509Certificate2 certificate;
            try
            {
                certificate = X509Certificate2.CreateFromPem(pem);
            }
            catch (CryptographicException)
            {
                throw new CliFailureException("--cert is not a PEM certificate");
            }

            using var rsa = certificate.GetRSAPublicKey() ?? throw new CliFailureException("--cert does not hold an RSA key");
            if (rsa.KeySize != 2048)
            {
                throw new CliFailureException("--cert must hold an RSA-2048 key (MOSIP's envelope format)");
            }

            var data = await CliFiles.ReadAsync(parse.GetValue(input), console, ct);
            var envelope = MosipEnvelope.Encrypt(rsa, SHA256.HashData(certificate.RawData), data, Decode(parse.GetValue(salt), "--salt"), Decode(parse.GetValue(aad), "--aad"));
            await CliFiles.WriteAsync(parse.GetValue(output), Encoding.ASCII.GetBytes(Base64Url.Encode(envelope) + "\n"), console, ct);
        }));
        return command;
    }

    private static Command Decrypt(CliConsole console)
    {
        var key = new Option<string>("--key") { Description = "Recipient private key (PKCS#8 PEM)", Required = true };
        var (input, output, salt, aad) = DataOptions();
        var command = new Command("decrypt", "Decrypt a base64url envelope (stdin or --in) with a private key; writes the data") { key, input, output, salt, aad };
        command.SetAction((parse, ct) => CliActions.RunAsync(console, async () =>
        {
            using var rsa = RSA.Create();
            try
            {
                rsa.ImportFromPem(await CliFiles.ReadTextAsync(parse.GetValue(key)!, ct));
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                throw new CliFailureException("--key is not a PEM RSA private key");
            }

            var text = Encoding.ASCII.GetString(await CliFiles.ReadAsync(parse.GetValue(input), console, ct)).Trim();
            if (!Base64Url.TryDecodeLenient(text, out var envelope) ||
                !MosipEnvelope.TryDecrypt(envelope, (_, encryptedKey) => MosipEnvelope.TryUnwrapSessionKey(rsa, encryptedKey, out var k) ? k : null, Decode(parse.GetValue(salt), "--salt"), Decode(parse.GetValue(aad), "--aad"), out var plaintext))
            {
                // One message for every failure: wrong key, tampering, truncation, bad salt or AAD.
                throw new CliFailureException("cannot decrypt: not an envelope for this key, or it was altered");
            }

            await CliFiles.WriteAsync(parse.GetValue(output), plaintext, console, ct);
        }));
        return command;
    }

    private static (Option<string?> Input, Option<string?> Output, Option<string?> Salt, Option<string?> Aad) DataOptions() =>
        (new Option<string?>("--in") { Description = "Input file (default: standard input)" },
         new Option<string?>("--out") { Description = "Output file (default: standard output)" },
         new Option<string?>("--salt") { Description = "base64 salt, used as the GCM IV (MOSIP's salt mode)" },
         new Option<string?>("--aad") { Description = "base64 additional authenticated data (MOSIP's AAD mode)" });

    private static byte[] Decode(string? value, string option)
    {
        if (string.IsNullOrEmpty(value))
        {
            return [];
        }

        return Base64Url.TryDecodeLenient(value, out var bytes) ? bytes : throw new CliFailureException($"{option} is not base64");
    }
}
