using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Kavach.Devices.Transparency;

namespace Kavach.Cli.Commands;

/// <summary>
/// <c>kavach devices log verify-inclusion | verify-consistency</c>: an auditor's check of the device transparency log
/// against a pinned log certificate. The server only supplies documents; every signature and proof is verified here
/// (<see cref="TransparencyVerifier"/>), so a server that lies is caught.
/// </summary>
internal static class DevicesLogCommand
{
    public static Command Create(CliConsole console)
    {
        var leaf = new Option<string>("--leaf") { Description = "The entry's leaf hash (hex)", Required = true };
        var logCert = LogCertificateOption();
        var inclusion = new Command("verify-inclusion", "Verify that an entry is in the log's current signed tree") { leaf, logCert, CliOptions.Json() };
        inclusion.SetAction((parse, ct) => DevicesRun.RunAsync(console, parse, async client =>
        {
            var certificate = LoadCertificate(parse.GetValue(logCert)!);
            var head = await TreeHeadAsync(client, certificate, ct);
            var document = await client.GetAsync($"/transparency/proof/inclusion?leaf={Uri.EscapeDataString(parse.GetValue(leaf)!)}&treeSize={head.TreeSize}", ct);
            if (!TransparencyDocuments.TryReadInclusion(document?.ToJsonString(), out var proof, out var leafBytes))
            {
                throw new CliFailureException("the server's inclusion proof is malformed");
            }

            if (TransparencyVerifier.VerifyInclusion(head, certificate, leafBytes, proof) is { } reason)
            {
                throw new CliFailureException($"inclusion NOT verified: {reason}");
            }

            return new JsonObject { ["verified"] = true, ["treeSize"] = head.TreeSize, ["leafIndex"] = proof.LeafIndex };
        }));

        var older = new Option<FileInfo>("--old-sth") { Description = "A tree head saved earlier (the JSON of GET /transparency/sth)", Required = true };
        var logCert2 = LogCertificateOption();
        var consistency = new Command("verify-consistency", "Verify that the log's current tree extends a tree head saved earlier") { older, logCert2, CliOptions.Json() };
        consistency.SetAction((parse, ct) => DevicesRun.RunAsync(console, parse, async client =>
        {
            var certificate = LoadCertificate(parse.GetValue(logCert2)!);
            var saved = await File.ReadAllTextAsync(parse.GetValue(older)!.FullName, ct);
            if (!TransparencyDocuments.TryReadTreeHead(saved, out var old) || TransparencyVerifier.VerifyTreeHead(old, certificate) is not null)
            {
                throw new CliFailureException("--old-sth is not a tree head signed by the log certificate");
            }

            var head = await TreeHeadAsync(client, certificate, ct);
            var document = await client.GetAsync($"/transparency/proof/consistency?first={old.TreeSize}&second={head.TreeSize}", ct);
            if (!TransparencyDocuments.TryReadConsistency(document?.ToJsonString(), out var proof))
            {
                throw new CliFailureException("the server's consistency proof is malformed");
            }

            if (TransparencyVerifier.VerifyConsistency(old, head, certificate, proof) is { } reason)
            {
                throw new CliFailureException($"consistency NOT verified: {reason}");
            }

            return new JsonObject { ["verified"] = true, ["oldTreeSize"] = old.TreeSize, ["treeSize"] = head.TreeSize };
        }));

        return new Command("log", "The device transparency log (auditors)") { inclusion, consistency };
    }

    private static Option<string> LogCertificateOption() =>
        new("--log-cert") { Description = "The pinned log certificate (PEM, from GET /transparency/certificates, obtained out of band)", Required = true };

    private static async Task<SignedTreeHead> TreeHeadAsync(DevicesAdminClient client, X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        var document = await client.GetAsync("/transparency/sth", cancellationToken);
        if (!TransparencyDocuments.TryReadTreeHead(document?.ToJsonString(), out var head))
        {
            throw new CliFailureException("the server's tree head is malformed");
        }

        return TransparencyVerifier.VerifyTreeHead(head, certificate) is { } reason
            ? throw new CliFailureException($"tree head NOT verified: {reason}")
            : head;
    }

    private static X509Certificate2 LoadCertificate(string path)
    {
        try
        {
            // The first certificate of the file: the current log certificate as GET /transparency/certificates lists it.
            return X509Certificate2.CreateFromPem(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new CliFailureException($"--log-cert {path}: cannot read a certificate ({e.GetType().Name})");
        }
    }
}
