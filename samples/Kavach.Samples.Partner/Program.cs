// A partner calling a Kavach-protected service with the partner channel SDK. It reads what `kavach partner onboard`
// wrote (DIR/tls-chain.pem, DIR/ca-bundle.pem, DIR/server-signing.pem, DIR/server-encryption.pem), its own TLS key
// (the one its CSR was made with) and its signature and encryption PKCS#12 files, sends one request, and prints the
// response only once its signature verified (and, kavach profile, it decrypted). Exit 0: verified; 1: the response
// was refused by the SDK; 2: the service refused the request; 64: usage.
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Kavach.PartnerChannel;
using Kavach.PartnerChannel.Client;
using Kavach.PartnerChannel.Keys;

const string Usage = """
    usage: Kavach.Samples.Partner --url URL --onboarded DIR --tls-key KEY.pem --signing S.p12 --encryption E.p12
                                  [--password PW] [--profile mosip|kavach] [--method POST|GET] [--body JSON] [--encrypt-fields]
    --encrypt-fields (mosip) encrypts the body's `request` member as IDA does.
    """;

var options = ParseArguments(args);
string[] required = ["url", "onboarded", "tls-key", "signing", "encryption"];
if (options is null || required.Any(name => !options.ContainsKey(name)))
{
    Console.Error.WriteLine(Usage);
    return 64;
}

var dir = options["onboarded"];
var password = options.GetValueOrDefault("password");
var profile = options.GetValueOrDefault("profile", "mosip") == "kavach" ? ChannelProfile.Kavach : ChannelProfile.Mosip;
using var tls = X509Certificate2.CreateFromPemFile(Path.Combine(dir, "tls-chain.pem"), options["tls-key"]);
using var keys = new CertificateChannelKeys(
    ChannelKeyFiles.LoadCertificateWithKey(options["signing"], password),
    ChannelKeyFiles.LoadCertificateWithKey(options["encryption"], password));
var clientOptions = new PartnerChannelClientOptions
{
    Profile = profile,
    ServerSigningCertificate = ChannelKeyFiles.LoadCertificate(Path.Combine(dir, "server-signing.pem")),
    ServerEncryptionCertificate = ChannelKeyFiles.LoadCertificate(Path.Combine(dir, "server-encryption.pem")),
    Signer = keys,
    Decryptor = keys,
    EncryptMosipRequest = options.ContainsKey("encrypt-fields"),
};
var url = new Uri(options["url"]);
using var client = PartnerHttpClientFactory.CreateClient(
    clientOptions, tls, ChannelKeyFiles.LoadPemBundle(Path.Combine(dir, "ca-bundle.pem")), new Uri(url.GetLeftPart(UriPartial.Authority)));

var method = new HttpMethod(options.GetValueOrDefault("method", "POST").ToUpperInvariant());
using var request = new HttpRequestMessage(method, url);
if (method != HttpMethod.Get)
{
    var body = JsonNode.Parse(options.GetValueOrDefault("body", "{}"))!.AsObject();

    // The mosip profile needs IDA's requestTime; a real partner sets it when it builds the request.
    body["requestTime"] ??= TimeProvider.System.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}

try
{
    using var response = await client.SendAsync(request);
    var text = await response.Content.ReadAsStringAsync();
    Console.WriteLine($"HTTP {(int)response.StatusCode}");
    Console.WriteLine(text);
    return response.IsSuccessStatusCode ? 0 : 2;
}
catch (PartnerChannelException refused)
{
    Console.Error.WriteLine($"response refused: {refused.Message}");
    return 1;
}

static Dictionary<string, string>? ParseArguments(string[] args)
{
    var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i < args.Length; i++)
    {
        if (!args[i].StartsWith("--", StringComparison.Ordinal))
        {
            return null;
        }

        var name = args[i][2..];
        if (name == "encrypt-fields")
        {
            parsed[name] = "true";
        }
        else if (i + 1 < args.Length)
        {
            parsed[name] = args[++i];
        }
        else
        {
            return null;
        }
    }

    return parsed;
}
