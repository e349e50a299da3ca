using Kavach.Server.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Kavach.Server.Tests.Lifecycle;

/// <summary>A key_store row that was edited or swapped with another row's is detected and never used.</summary>
public sealed class TamperTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Swapped_private_keys_are_refused()
    {
        await MakeAsync("swap-a");
        await MakeAsync("swap-b");
        var (a, b) = (await AliasOfAsync("swap-a"), await AliasOfAsync("swap-b"));
        var storedA = (await _server.Runtime.Store.GetStoredKeyAsync(a, CancellationToken.None))!.WrappedPrivateKey;
        var storedB = (await _server.Runtime.Store.GetStoredKeyAsync(b, CancellationToken.None))!.WrappedPrivateKey;
        await ExecuteAsync("UPDATE key_store SET private_key = $k WHERE id = $a", ("$k", storedB), ("$a", a));
        await ExecuteAsync("UPDATE key_store SET private_key = $k WHERE id = $b", ("$k", storedA), ("$b", b));

        Assert.Equal("KER-KMS-007", await CsrErrorAsync("swap-a"));
        Assert.Equal("KER-KMS-007", await CsrErrorAsync("swap-b"));
    }

    [Fact]
    public async Task Swapped_whole_rows_are_refused()
    {
        await MakeAsync("row-a");
        await MakeAsync("row-b");
        var (a, b) = (await AliasOfAsync("row-a"), await AliasOfAsync("row-b"));
        await ExecuteAsync("UPDATE key_store SET id = 'tmp' WHERE id = $a", ("$a", a));
        await ExecuteAsync("UPDATE key_store SET id = $a WHERE id = $b", ("$a", a), ("$b", b));
        await ExecuteAsync("UPDATE key_store SET id = $b WHERE id = 'tmp'", ("$b", b));
        _server.Runtime.Ring.ForgetCertificate(a);
        _server.Runtime.Ring.ForgetCertificate(b);

        var (_, body) = await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=REGISTRATION&referenceId=row-a");
        Assert.Equal("KER-KMS-007", body.ErrorCode());
        Assert.Equal("KER-KMS-007", await CsrErrorAsync("row-b"));
    }

    [Fact]
    public async Task Edited_wrapped_key_is_refused()
    {
        await MakeAsync("edited");
        var alias = await AliasOfAsync("edited");
        await ExecuteAsync("UPDATE key_store SET private_key = substr(private_key, 1, 300) || (CASE substr(private_key, 301, 1) WHEN 'A' THEN 'B' ELSE 'A' END) || substr(private_key, 302) WHERE id = $a", ("$a", alias));
        Assert.Equal("KER-KMS-007", await CsrErrorAsync("edited"));
    }

    [Fact]
    public async Task Key_moved_under_another_application_master_is_refused()
    {
        await MakeAsync("moved");
        var alias = await AliasOfAsync("moved");
        await ExecuteAsync("UPDATE key_store SET master_key = (SELECT id FROM key_alias WHERE app_id = 'ID_REPO' AND ref_id = '' LIMIT 1) WHERE id = $a", ("$a", alias));
        Assert.Equal("KER-KMS-007", await CsrErrorAsync("moved"));
    }

    private async Task MakeAsync(string reference) =>
        Assert.NotNull((await _server.GetAsync($"/v1/keymanager/getCertificate?applicationId=REGISTRATION&referenceId={reference}")).Body.Field("certificate"));

    private async Task<string> CsrErrorAsync(string reference) =>
        (await _server.PostAsync("/v1/keymanager/generateCSR", new { applicationId = "REGISTRATION", referenceId = reference })).Body.ErrorCode();

    private async Task<string> AliasOfAsync(string reference) =>
        (await _server.Runtime.Store.GetAliasesAsync("REGISTRATION", reference, CancellationToken.None)).Single().Id;

    private async Task ExecuteAsync(string sql, params (string Name, string Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_server.DataDirectory, "kavach.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        Assert.True(await command.ExecuteNonQueryAsync() > 0);
    }
}
