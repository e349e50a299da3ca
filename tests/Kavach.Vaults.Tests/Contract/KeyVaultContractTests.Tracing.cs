using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Vault;
using Kavach.Vaults.Tests.Support;

namespace Kavach.Vaults.Tests.Contract;

/// <summary>The trace spans around private-key operations.</summary>
public abstract partial class KeyVaultContractTests
{
    [Fact]
    public async Task Private_key_operations_run_in_vault_spans_that_name_no_alias()
    {
        var vault = NewVault();
        var alias = NewAlias();
        using var certificate = await vault.CreateKeyPairAsync(alias, VaultKeyType.Rsa2048, TestIssuers.SelfSigned(alias), None);
        using var publicKey = certificate.GetRSAPublicKey()!;
        var ciphertext = publicKey.Encrypt([1, 2, 3], RSAEncryptionPadding.OaepSHA256);

        using var test = new ActivitySource("Kavach.Vaults.Tests.Span");
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is VaultActivities.SourceName or "Kavach.Vaults.Tests.Span",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (spans)
                {
                    spans.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        using var root = test.StartActivity("root");
        Assert.NotNull(root);
        Assert.Equal(new byte[] { 1, 2, 3 }, vault.DecryptOaepSha256(alias, ciphertext));
        vault.SignData(alias, [4, 5, 6], VaultSignatureAlgorithm.RsaPkcs1Sha256);

        List<Activity> mine;
        lock (spans)
        {
            mine = spans.Where(s => s.ParentSpanId == root.SpanId).ToList();
        }

        Assert.Equal(["vault.decrypt", "vault.sign"], mine.Select(s => s.OperationName));
        Assert.All(mine, span =>
        {
            Assert.Equal(vault.Kind, span.GetTagItem("kavach.vault.kind"));
            Assert.DoesNotContain(span.TagObjects, tag => tag.Value?.ToString()?.Contains(alias, StringComparison.Ordinal) == true);
        });
    }
}
