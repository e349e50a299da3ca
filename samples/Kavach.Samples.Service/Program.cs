// A trivial HTTP service to put behind the Kavach gateway: it knows nothing of signatures, encryption or TLS client
// certificates; it trusts the X-Kavach-Partner-Id header because only the gateway can reach it (the gateway strips
// any such header a caller sends). Run: dotnet samples/Kavach.Samples.Service/bin/Release/net10.0/Kavach.Samples.Service.dll --urls http://127.0.0.1:5080
using System.Globalization;
using System.Text.Json.Nodes;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(TimeProvider.System);
var app = builder.Build();
long requests = 0;

// Echoes the JSON it received with the partner the gateway verified; copies transactionID and sets responseTime as
// IDA does, so a mosip-profile partner's response checks (transaction, time window) hold.
app.MapPost("/echo", async (HttpRequest request, TimeProvider time) =>
{
    Interlocked.Increment(ref requests);
    JsonNode? received = request.ContentLength is 0 ? null : await JsonNode.ParseAsync(request.Body);
    return Results.Json(new JsonObject
    {
        ["transactionID"] = received?["transactionID"]?.DeepClone(),
        ["responseTime"] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        ["partnerId"] = request.Headers["X-Kavach-Partner-Id"].ToString(),
        ["received"] = received,
    });
});

app.MapGet("/whoami", (HttpRequest request) =>
{
    Interlocked.Increment(ref requests);
    return Results.Json(new JsonObject
    {
        ["partnerId"] = request.Headers["X-Kavach-Partner-Id"].ToString(),
        ["organization"] = request.Headers["X-Kavach-Partner-Organization"].ToString(),
        ["domain"] = request.Headers["X-Kavach-Partner-Domain"].ToString(),
    });
});

// Not counted: the tests and the benchmark read it to learn how many requests reached the service.
app.MapGet("/stats", () => Results.Json(new JsonObject { ["requests"] = Interlocked.Read(ref requests) }));

await app.RunAsync();
