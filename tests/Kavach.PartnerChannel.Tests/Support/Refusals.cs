using System.Net;
using System.Text.Json;
using Kavach.PartnerChannel.Auditing;

namespace Kavach.PartnerChannel.Tests.Support;

/// <summary>The one refusal every attack must get: 401, MOSIP's envelope with KER-PCH-001, an audit record, nothing forwarded.</summary>
internal static class Refusals
{
    public static void AssertRefused(CapturedResponse? response, ChannelTestServer server, string reason, int reached = 0, string code = "KER-PCH-001", HttpStatusCode status = HttpStatusCode.Unauthorized)
    {
        Assert.NotNull(response);
        Assert.Equal(status, response.Status);
        using JsonDocument envelope = JsonDocument.Parse(response.Body);
        JsonElement root = envelope.RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("id").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("response").ValueKind);
        Assert.True(root.TryGetProperty("responsetime", out _));
        JsonElement error = Assert.Single(root.GetProperty("errors").EnumerateArray());
        Assert.Equal(code, error.GetProperty("errorCode").GetString());
        if (code == "KER-PCH-001")
        {
            Assert.Equal("Partner request refused.", error.GetProperty("message").GetString());
        }

        // The caller learns nothing of the reason; the audit record has it.
        Assert.DoesNotContain(reason, System.Text.Encoding.UTF8.GetString(response.Body), StringComparison.OrdinalIgnoreCase);
        Assert.False(response.HasHeader("response-signature"));
        Assert.False(response.HasHeader("Signature"));
        PartnerChannelAuditEvent audit = server.Audit.Events[^1];
        Assert.Equal(code, audit.Outcome);
        Assert.Equal((int)status, audit.Status);
        Assert.Equal(PartnerChannelAuditEvent.PartnerRequest, audit.Operation);
        Assert.Contains(reason, audit.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(reached, server.Reached);
    }
}
