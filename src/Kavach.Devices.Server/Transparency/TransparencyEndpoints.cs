using System.Globalization;
using System.Text;
using Kavach.Devices.Server.Http;
using Kavach.Devices.Transparency;

namespace Kavach.Devices.Server.Transparency;

/// <summary>
/// The device transparency log's public routes (docs/devices/transparency.md): the signed tree head, inclusion and
/// consistency proofs, and the log's signing certificates (PEM) for auditors to pin. Public data; no credentials.
/// </summary>
internal static class TransparencyEndpoints
{
    private const string JsonMediaType = "application/json";

    public static void MapTransparencyEndpoints(this WebApplication app)
    {
        app.MapGet("/transparency/sth", static async (HttpContext context, CancellationToken cancellationToken) =>
            TypedResults.Text(TransparencyDocuments.Write(await Log(context).GetTreeHeadAsync(cancellationToken)), JsonMediaType));

        app.MapGet("/transparency/proof/inclusion", static async (HttpContext context, string? leaf, string? treeSize, CancellationToken cancellationToken) =>
        {
            long? size = null;
            if (treeSize is not null)
            {
                if (!long.TryParse(treeSize, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                {
                    return ErrorResponses.Result(StatusCodes.Status400BadRequest, TransparencyErrors.InvalidTreeSize);
                }

                size = parsed;
            }

            var proof = await Log(context).GetInclusionProofAsync(leaf, size, cancellationToken);
            return proof.IsSuccess
                ? TypedResults.Text(TransparencyDocuments.Write(proof.Value.Proof, proof.Value.Leaf), JsonMediaType)
                : ErrorResponses.Result(Status(proof.Error), proof.Error);
        });

        app.MapGet("/transparency/proof/consistency", static async (HttpContext context, string? first, string? second, CancellationToken cancellationToken) =>
        {
            if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var m) || !long.TryParse(second, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return ErrorResponses.Result(StatusCodes.Status400BadRequest, TransparencyErrors.InvalidTreeSize);
            }

            var proof = await Log(context).GetConsistencyProofAsync(m, n, cancellationToken);
            return proof.IsSuccess
                ? TypedResults.Text(TransparencyDocuments.Write(proof.Value), JsonMediaType)
                : ErrorResponses.Result(Status(proof.Error), proof.Error);
        });

        app.MapGet("/transparency/certificates", static async (HttpContext context, CancellationToken cancellationToken) =>
        {
            var pem = new StringBuilder();
            foreach (var certificate in await Log(context).GetSigningCertificatesAsync(cancellationToken))
            {
                pem.Append(certificate.ExportCertificatePem()).Append('\n');
            }

            return TypedResults.Text(pem.ToString(), "application/pem-certificate-chain", Encoding.ASCII);
        });
    }

    private static int Status(Kavach.Keys.Errors.KavachError error) =>
        error.Code == TransparencyErrors.LeafNotFound.Code || error.Code == TransparencyErrors.TreeHeadNotFound.Code
            ? StatusCodes.Status404NotFound
            : StatusCodes.Status400BadRequest;

    private static TransparencyLog Log(HttpContext context) => context.RequestServices.GetRequiredService<TransparencyLog>();
}
