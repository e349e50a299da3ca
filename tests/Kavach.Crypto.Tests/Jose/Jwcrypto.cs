using System.Text.Json;
using Kavach.Crypto.Tests.TestSupport;

namespace Kavach.Crypto.Tests.Jose;

/// <summary>Python's jwcrypto (Debian's python3-jwcrypto), an implementation that shares no code with ours.</summary>
/// <remarks>
/// Every call runs one python process over a batch. Inputs go in as JSON on stdin; each case prints one
/// line, "OK &lt;std-base64 value&gt; [detail]" or "FAIL &lt;exception&gt;", so a test can assert both ways.
/// jwcrypto 1.1 reads part 1 of a compact JWS as base64url even with b64=false, so detached and
/// unencoded cases are handed over in the flattened JSON serialization, which it reads per RFC 7797.
/// </remarks>
internal static class Jwcrypto
{
    private const string Prelude = """
        import sys, json, base64
        from jwcrypto import jwk, jws, jwe
        from jwcrypto.common import json_encode
        def b64u(b): return base64.urlsafe_b64encode(b).rstrip(b'=').decode()
        def std(b): return base64.b64encode(b if isinstance(b, bytes) else b.encode('utf-8')).decode()
        data = json.load(sys.stdin)

        """;

    private const string VerifyScript = Prelude + """
        for case in data:
            try:
                key = jwk.JWK.from_pem(case['pem'].encode())
                v = jws.JWS()
                if case['payload'] is None:
                    v.deserialize(case['token'], key)
                else:
                    p = case['token'].split('.')
                    raw = base64.b64decode(case['payload'])
                    payload = b64u(raw) if case['b64'] else raw.decode('utf-8')
                    v.deserialize(json.dumps({'protected': p[0], 'payload': payload, 'signature': p[2]}), key)
                print('OK ' + std(v.payload) + ' ' + v.jose_header['alg'])
            except Exception as e:
                print('FAIL ' + type(e).__name__)
        """;

    private const string SignScript = Prelude + """
        for case in data:
            key = jwk.JWK.from_pem(case['pem'].encode())
            s = jws.JWS(base64.b64decode(case['payload']))
            s.add_signature(key, None, case['protected'])
            print('OK ' + std(s.serialize(compact=True)))
        """;

    private const string EncryptScript = Prelude + """
        key = jwk.JWK.from_pem(data['pem'].encode())
        for case in data['cases']:
            header = {'alg': 'RSA-OAEP-256', 'enc': 'A256GCM'}
            if case['zip']:
                header['zip'] = 'DEF'
            e = jwe.JWE(base64.b64decode(case['plaintext']), protected=json_encode(header))
            e.add_recipient(key)
            print('OK ' + std(e.serialize(compact=True)))
        """;

    private const string DecryptScript = Prelude + """
        key = jwk.JWK.from_pem(data['pem'].encode())
        for token in data['tokens']:
            try:
                e = jwe.JWE()
                e.deserialize(token, key)
                print('OK ' + std(e.payload) + ' ' + std(e.objects['protected']))
            except Exception as ex:
                print('FAIL ' + type(ex).__name__)
        """;

    public static ToolVerdict[] VerifyJws(IReadOnlyList<JwsCheck> cases)
    {
        var input = cases.Select(c => new
        {
            pem = c.PublicPem,
            token = c.Token,
            payload = c.Payload is null ? null : Convert.ToBase64String(c.Payload),
            b64 = c.B64,
        });
        return Run(VerifyScript, input, cases.Count);
    }

    /// <summary>Signs with jwcrypto and returns compact tokens; <c>protectedJson</c> is the header as jwcrypto should write it.</summary>
    public static string[] SignJws(IReadOnlyList<(string PrivatePem, string ProtectedJson, byte[] Payload)> requests)
    {
        var input = requests.Select(r => new { pem = r.PrivatePem, @protected = r.ProtectedJson, payload = Convert.ToBase64String(r.Payload) });
        return Run(SignScript, input, requests.Count).Select(v => System.Text.Encoding.UTF8.GetString(v.Value)).ToArray();
    }

    public static string[] EncryptJwe(string publicPem, IReadOnlyList<(byte[] Plaintext, bool Zip)> cases)
    {
        var input = new { pem = publicPem, cases = cases.Select(c => new { plaintext = Convert.ToBase64String(c.Plaintext), zip = c.Zip }) };
        return Run(EncryptScript, input, cases.Count).Select(v => System.Text.Encoding.ASCII.GetString(v.Value)).ToArray();
    }

    /// <summary>Decrypts with jwcrypto; an OK verdict's value is the plaintext and its detail the std-base64 protected header.</summary>
    public static ToolVerdict[] DecryptJwe(string privatePem, IReadOnlyList<string> tokens) =>
        Run(DecryptScript, new { pem = privatePem, tokens }, tokens.Count);

    private static ToolVerdict[] Run(string script, object input, int expected)
    {
        string output = ExternalTool.Python(script, JsonSerializer.Serialize(input));
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(expected, lines.Length);
        return lines.Select(ToolVerdict.Parse).ToArray();
    }
}
