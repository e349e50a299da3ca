using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kavach.Testing;
using Npgsql;

namespace Kavach.Server.Tests.Migration;

/// <summary>
/// A MOSIP key manager's installation as MOSIP leaves it, made without Java: the database from MOSIP's own scripts
/// (<see cref="MosipKeymgrDatabase"/>), ROOT, the REGISTRATION and KERNEL module keys and KERNEL/SIGN on a SoftHSM2 token laid out as Java's
/// SunPKCS11 keystore lays out a key entry, and one base key in <c>key_store</c>, wrapped under the module key as MOSIP
/// wraps it (spec §3.4) by an independent implementation (Python's cryptography package).
/// </summary>
/// <remarks>
/// SunPKCS11's <c>P11KeyStore.setEntry</c> (what MOSIP's PKCS11 keystore calls) leaves, per key entry: the private key
/// with <c>CKA_ID</c> = the alias in UTF-8 and no <c>CKA_LABEL</c> (a key made in the token is copied from its session
/// object with only <c>CKA_TOKEN</c> and <c>CKA_ID</c> set; an imported one is created with <c>CKA_ID</c> only); the end
/// certificate with <c>CKA_ID</c> and <c>CKA_LABEL</c> = the alias; no public-key object (the public half stays a
/// session object). Here the objects are written by OpenSC's pkcs11-tool, out of this process, with exactly those
/// attributes. MOSIP's database holds only <c>key_alias</c> rows for HSM keys; base keys also get a <c>key_store</c> row.
/// </remarks>
internal sealed class MosipInstallation
{
    private const string Subject = "C=IN, ST=KA, L=BANGALORE, O=IITB, OU=MOSIP-TECH-CENTER";

    /// <summary>Pool size of the installation: the size the test server asks for, so Kavach adds no pool key.</summary>
    public const int ZkPoolSize = 200;

    private MosipInstallation(MosipKey root, MosipKey master, MosipKey baseKey, string wrappedBaseKey, byte[][] zkPool, MosipKey kernel, MosipKey kernelSign)
    {
        Root = root;
        Master = master;
        BaseKey = baseKey;
        WrappedBaseKey = wrappedBaseKey;
        ZkPool = zkPool;
        Kernel = kernel;
        KernelSign = kernelSign;
    }

    /// <summary>The KERNEL module key, signed by ROOT, in the token.</summary>
    public MosipKey Kernel { get; }

    /// <summary>KERNEL/SIGN as MOSIP makes it: in the token, signed by ROOT with the module-key (CA) profile.</summary>
    public MosipKey KernelSign { get; }

    /// <summary>The random keys of <c>data_encrypt_keystore</c> (index = position), wrapped there under KERNEL/IDENTITY_CACHE.</summary>
    public byte[][] ZkPool { get; }

    /// <summary>ROOT (self-signed, CA pathLen 2), in the token.</summary>
    public MosipKey Root { get; }

    /// <summary>The REGISTRATION module (master) key, signed by ROOT (CA pathLen 1), in the token.</summary>
    public MosipKey Master { get; }

    /// <summary>The base key REGISTRATION/<see cref="BaseRefId"/>, signed by the module key, in <c>key_store</c>.</summary>
    public MosipKey BaseKey { get; }

    /// <summary>The base key's <c>key_store.private_key</c>.</summary>
    public string WrappedBaseKey { get; }

    /// <summary>The base key's reference id.</summary>
    public const string BaseRefId = "mosip-ref";

    /// <summary>
    /// Builds the installation as of <paramref name="now"/>: ROOT and the module key made 100 days before, the base key
    /// too, with the 730-day validity MOSIP 1.2.1 gave base keys (so it expires while its module key is still current).
    /// </summary>
    public static async Task<MosipInstallation> CreateAsync(string connection, SoftHsmToken token, DateTime now)
    {
        await MosipKeymgrDatabase.CreateAsync(connection);
        var made = now.AddDays(-100);
        var root = Issue("ROOT", string.Empty, made, made.AddDays(2920), issuer: null, ca: 2);
        var master = Issue("REGISTRATION", string.Empty, made, made.AddDays(1095), root, ca: 1);
        var baseKey = Issue("REGISTRATION", BaseRefId, made, made.AddDays(730), master, ca: null);
        var kernel = Issue("KERNEL", string.Empty, made, made.AddDays(1095), root, ca: 1);
        var kernelSign = Issue("KERNEL", "SIGN", made, made.AddDays(1095), root, ca: 1);

        await WriteTokenEntryAsync(token, root);
        await WriteTokenEntryAsync(token, master);
        await WriteTokenEntryAsync(token, kernel);
        await WriteTokenEntryAsync(token, kernelSign);

        // KERNEL/IDENTITY_CACHE, the ZK master: an AES secret key entry (SunPKCS11 storeSkey: CKA_LABEL = alias, no CKA_ID),
        // a key_alias row without thumbprint or uni_ident, and MOSIP's pool Base64(AES-ECB(master, R)) per index.
        var zkAlias = Guid.NewGuid().ToString();
        var zkMaster = RandomNumberGenerator.GetBytes(32);
        await WriteSecretKeyAsync(token, zkAlias, zkMaster);
        var pool = Enumerable.Range(0, ZkPoolSize).Select(_ => RandomNumberGenerator.GetBytes(32)).ToArray();
        var wrapped = await MosipPython.WrapPrivateKeyAsync(master.Certificate, baseKey.Key.ExportPkcs8PrivateKey());

        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        foreach (var key in new[] { root, master, baseKey, kernel, kernelSign })
        {
            await InsertAliasAsync(db, key);
        }

        await using (var store = new NpgsqlCommand(
            """
            INSERT INTO keymgr.key_store (id, master_key, private_key, certificate_data, cr_by, cr_dtimes, is_deleted)
            VALUES (@id, @master, @private, @certificate, 'SYSTEM', @made, false)
            """,
            db))
        {
            store.Parameters.AddWithValue("id", baseKey.Alias);
            store.Parameters.AddWithValue("master", master.Alias);
            store.Parameters.AddWithValue("private", wrapped);
            store.Parameters.AddWithValue("certificate", baseKey.Pem);
            store.Parameters.AddWithValue("made", DateTime.SpecifyKind(made, DateTimeKind.Unspecified));
            await store.ExecuteNonQueryAsync();
        }

        await using (var zk = new NpgsqlCommand(
            """
            INSERT INTO keymgr.key_alias (id, app_id, ref_id, key_gen_dtimes, key_expire_dtimes, cr_by, cr_dtimes, is_deleted)
            VALUES (@id, 'KERNEL', 'IDENTITY_CACHE', @made, @expires, 'SYSTEM', @made, false)
            """,
            db))
        {
            zk.Parameters.AddWithValue("id", zkAlias);
            zk.Parameters.AddWithValue("made", DateTime.SpecifyKind(made, DateTimeKind.Unspecified));
            zk.Parameters.AddWithValue("expires", DateTime.SpecifyKind(made.AddDays(1825), DateTimeKind.Unspecified));
            await zk.ExecuteNonQueryAsync();
        }

        using (var aes = Aes.Create())
        {
            aes.Key = zkMaster;
            await using var batch = new NpgsqlBatch(db);
            for (var index = 0; index < pool.Length; index++)
            {
                var row = new NpgsqlBatchCommand(
                    "INSERT INTO keymgr.data_encrypt_keystore (id, key, key_status, cr_by, cr_dtimes) VALUES (@id, @key, 'Active', 'SYSTEM', @made)");
                row.Parameters.AddWithValue("id", (long)index);
                row.Parameters.AddWithValue("key", Convert.ToBase64String(aes.EncryptEcb(pool[index], PaddingMode.None)));
                row.Parameters.AddWithValue("made", DateTime.SpecifyKind(made, DateTimeKind.Unspecified));
                batch.BatchCommands.Add(row);
            }

            await batch.ExecuteNonQueryAsync();
        }

        return new MosipInstallation(root, master, baseKey, wrapped, pool, kernel, kernelSign);
    }

    private static async Task WriteSecretKeyAsync(SoftHsmToken token, string alias, byte[] key)
    {
        using var dir = new TempDirectory("kavach-mosip-p11");
        var keyFile = dir.File("aes.key");
        await File.WriteAllBytesAsync(keyFile, key);
        await Pkcs11ToolAsync(
            ["--module", token.Library, "--token-label", token.Label, "--login", "--pin", token.Pin,
             "--write-object", keyFile, "--type", "secrkey", "--key-type", "AES:32", "--label", alias, "--usage-decrypt", "--sensitive"]);
    }

    // As KeymanagerDBHelper.storeKeyInDBStore: cr_by SYSTEM, cr_dtimes now, upd_* never written, timestamps UTC without zone.
    private static async Task InsertAliasAsync(NpgsqlConnection db, MosipKey key)
    {
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO keymgr.key_alias (id, app_id, ref_id, key_gen_dtimes, key_expire_dtimes, cr_by, cr_dtimes, is_deleted, cert_thumbprint, uni_ident)
            VALUES (@id, @app, @ref, @gen, @exp, 'SYSTEM', @gen, false, @thumbprint, @uni)
            """,
            db);
        insert.Parameters.AddWithValue("id", key.Alias);
        insert.Parameters.AddWithValue("app", key.AppId);
        insert.Parameters.AddWithValue("ref", key.RefId);
        insert.Parameters.AddWithValue("gen", DateTime.SpecifyKind(key.GeneratedAt, DateTimeKind.Unspecified));
        insert.Parameters.AddWithValue("exp", DateTime.SpecifyKind(key.ExpiresAt, DateTimeKind.Unspecified));
        insert.Parameters.AddWithValue("thumbprint", key.Thumbprint);
        insert.Parameters.AddWithValue("uni", key.UniqueIdentifier);
        await insert.ExecuteNonQueryAsync();
    }

    // MOSIP's certificate profiles (spec §4.1): ROOT CA pathLen 2, module keys CA pathLen 1 (digitalSignature|keyCertSign),
    // base keys keyEncipherment only, CA=false; a random 64-bit serial; CN "<common-name> (<APPID>)" or "<APPID>-<REFID>".
    private static MosipKey Issue(string appId, string refId, DateTime made, DateTime expires, MosipKey? issuer, int? ca)
    {
        var key = RSA.Create(2048);
        var commonName = refId.Length == 0 || ca is not null ? $"www.mosip.io ({appId}{(refId.Length == 0 ? string.Empty : "-" + refId)})" : $"{appId}-{refId}";
        var request = new CertificateRequest($"CN={commonName}, {Subject}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (ca is { } pathLength)
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, pathLength, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        }
        else
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment, true));
        }

        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var serial = RandomNumberGenerator.GetBytes(8);
        var notBefore = new DateTimeOffset(made, TimeSpan.Zero);
        var notAfter = new DateTimeOffset(expires, TimeSpan.Zero);
        X509Certificate2 certificate;
        if (issuer is null)
        {
            using var self = request.CreateSelfSigned(notBefore, notAfter);
            certificate = X509CertificateLoader.LoadCertificate(self.RawData);
        }
        else
        {
            var generator = X509SignatureGenerator.CreateForRSA(issuer.Key, RSASignaturePadding.Pkcs1);
            using var issued = request.Create(issuer.Certificate.SubjectName, generator, notBefore, notAfter, serial);
            certificate = X509CertificateLoader.LoadCertificate(issued.RawData);
        }

        return new MosipKey(Guid.NewGuid().ToString(), appId, refId, key, certificate, made, expires);
    }

    /// <summary>Writes a key entry as SunPKCS11 leaves it (see the remarks): private key by CKA_ID only, certificate by CKA_ID and CKA_LABEL.</summary>
    private static async Task WriteTokenEntryAsync(SoftHsmToken token, MosipKey key)
    {
        using var dir = new TempDirectory("kavach-mosip-p11");
        var keyFile = dir.File("key.pem");
        var certificateFile = dir.File("certificate.der");
        await File.WriteAllTextAsync(keyFile, key.Key.ExportPkcs8PrivateKeyPem());
        await File.WriteAllBytesAsync(certificateFile, key.Certificate.RawData);
        var id = Convert.ToHexStringLower(Encoding.UTF8.GetBytes(key.Alias));
        string[] session = ["--module", token.Library, "--token-label", token.Label, "--login", "--pin", token.Pin];
        await Pkcs11ToolAsync([.. session, "--write-object", keyFile, "--type", "privkey", "--id", id, "--usage-sign", "--usage-decrypt", "--sensitive"]);
        await Pkcs11ToolAsync([.. session, "--write-object", certificateFile, "--type", "cert", "--id", id, "--label", key.Alias]);
        File.Delete(keyFile);
    }

    private static async Task Pkcs11ToolAsync(string[] arguments)
    {
        var (code, output, error) = await ExternalTool.RunAsync("pkcs11-tool", arguments);
        if (code != 0)
        {
            throw new InvalidOperationException($"pkcs11-tool failed ({code}): {output}{error}");
        }
    }

    /// <summary>Lists the token's objects as pkcs11-tool prints them (for the layout assertions).</summary>
    public static async Task<string> ListObjectsAsync(SoftHsmToken token)
    {
        var (code, output, error) = await ExternalTool.RunAsync(
            "pkcs11-tool", ["--module", token.Library, "--token-label", token.Label, "--login", "--pin", token.Pin, "--list-objects"]);
        return code == 0 ? output : throw new InvalidOperationException($"pkcs11-tool --list-objects failed ({code}): {error}");
    }
}
