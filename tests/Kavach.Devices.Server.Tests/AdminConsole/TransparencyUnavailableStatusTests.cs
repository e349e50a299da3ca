using Kavach.Devices.Server.Http;
using Kavach.Devices.Updates;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Kavach.Devices.Server.Tests.AdminConsole;

/// <summary>A release refused because the transparency log cannot record it is a retryable 503, not a missing thing.</summary>
public sealed class TransparencyUnavailableStatusTests
{
    [Fact]
    public async Task The_transparency_log_refusal_is_503_with_retry_after_and_its_own_code()
    {
        var context = await ExecuteAsync(UpdateErrors.TransparencyLogUnavailable);

        Assert.Equal("KER-DEV-098", UpdateErrors.TransparencyLogUnavailable.Code);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("30", context.Response.Headers.RetryAfter.ToString());
        Assert.Contains("\"errorCode\":\"KER-DEV-098\"", Body(context), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_update_metadata_stays_404_without_retry_after()
    {
        var context = await ExecuteAsync(UpdateErrors.MetadataNotAvailable);

        Assert.Equal(StatusCodes.Status404NotFound, context.Response.StatusCode);
        Assert.False(context.Response.Headers.ContainsKey("Retry-After"));
    }

    [Fact]
    public void Every_update_code_is_distinct()
    {
        var codes = typeof(UpdateErrors).GetFields().Select(f => ((Kavach.Keys.Errors.KavachError)f.GetValue(null)!).Code).ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
    }

    private static async Task<DefaultHttpContext> ExecuteAsync(Kavach.Keys.Errors.KavachError error)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();
        await ErrorStatus.Result(error).ExecuteAsync(context);
        return context;
    }

    private static string Body(DefaultHttpContext context) => System.Text.Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
}
