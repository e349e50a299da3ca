using System.Net.Http.Headers;
using Kavach.Testing;
using Microsoft.Extensions.DependencyInjection;
using Kavach.Hosting.Files;
using Kavach.Hosting.Startup;

namespace Kavach.Server.Tests.Security;

/// <summary>The start-up writes the admin token before the runtime reports ready: no window in which a ready server has none.</summary>
public sealed class AdminTokenStartupTests
{
    [Fact]
    public async Task The_admin_token_is_in_place_and_accepted_the_moment_start_up_completes()
    {
        using var dir = new TempDirectory("kavach-admin-start");
        var app = KavachServer.Build(
            [
                "--urls=http://127.0.0.1:0",
                $"--Kavach:DataDir={dir.Path}",
                "--Kavach:ZeroKnowledge:PoolSize=10",
                "--Logging:LogLevel:Default=Warning",
            ],
            services => services.AddSingleton<TimeProvider>(new RunningClock()));
        await app.StartAsync();
        try
        {
            await app.Services.GetRequiredService<KavachReadiness>().WhenReady(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));

            // Checked at once, without waiting for the security layer's refresher.
            Assert.True(app.Services.GetRequiredService<KavachReadiness>().IsReady);
            var path = Path.Combine(dir.Path, AdminToken.FileName);
            Assert.True(File.Exists(path), "Start-up completed without an admin token.");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            var token = (await File.ReadAllTextAsync(path)).Trim();

            using var client = new HttpClient { BaseAddress = KavachServer.Address(app) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.GetAsync(new Uri("/v1/keymanager/getCertificate?applicationId=ROOT", UriKind.Relative));
            Assert.Equal(200, (int)response.StatusCode);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
