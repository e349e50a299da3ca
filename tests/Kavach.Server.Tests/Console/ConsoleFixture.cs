using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Kavach.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kavach.Server.Tests.Console;

/// <summary>One server for the console API tests, logging everything at Trace into <see cref="Log"/>.</summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    private readonly CapturingLoggerProvider _log = new();

    public TestServer Server { get; private set; } = null!;

    /// <summary>Every line the server logged so far.</summary>
    public string Log => _log.Text;

    public async Task InitializeAsync()
    {
        Server = await TestServer.StartAsync(
            extraArgs: ["--Logging:LogLevel:Default=Trace", "--Logging:LogLevel:Kavach=Trace", "--Logging:LogLevel:Microsoft=Trace"],
            configure: services => services.AddSingleton<ILoggerProvider>(_log));
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>A client with a token for <paramref name="subject"/> holding <paramref name="roles"/>.</summary>
    public async Task<HttpClient> ClientAsync(string subject, params string[] roles)
    {
        var token = await Server.IssueTokenAsync(subject, roles);
        var client = new HttpClient { BaseAddress = Server.Client.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>GETs <paramref name="path"/> with <paramref name="client"/>; status and parsed body.</summary>
    public static async Task<(int Status, JsonNode Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>Sends <paramref name="request"/> in an envelope with <paramref name="client"/>.</summary>
    public static async Task<(int Status, JsonNode Body)> SendAsync(HttpClient client, HttpMethod method, string path, object request, string? reason = null)
    {
        using var message = new HttpRequestMessage(method, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(TestServer.Wrap(request), Encoding.UTF8, "application/json"),
        };
        if (reason is not null)
        {
            message.Headers.TryAddWithoutValidation("X-Kavach-Reason", reason);
        }

        using var response = await client.SendAsync(message);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public string Text => string.Join('\n', _lines);

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
            {
                lines.Enqueue(category + " scope: " + state);
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
                lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {values} {exception}");
            }
        }
    }
}
