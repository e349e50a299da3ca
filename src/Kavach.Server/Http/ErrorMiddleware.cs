using Kavach.Keys.Errors;
using Kavach.Keys.Vault;
using Kavach.Storage;

namespace Kavach.Server.Http;

/// <summary>
/// The one place where faults become responses: a MOSIP envelope with a generic message, never a stack trace,
/// SQL, a path or key material. The detail goes to the log.
/// </summary>
public sealed partial class ErrorMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ILogger<ErrorMiddleware> _logger;
    private readonly VaultHealthGate _vaultGate;

    /// <summary>Creates the middleware.</summary>
    public ErrorMiddleware(RequestDelegate next, ILogger<ErrorMiddleware> logger, VaultHealthGate vaultGate)
    {
        _next = next;
        _logger = logger;
        _vaultGate = vaultGate;
    }

    /// <summary>Runs the pipeline and maps faults.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await _next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (KeyUsageException e) when (!context.Response.HasStarted)
        {
            // An issuing key asked to sign data (or the reverse): a refusal, answered as MOSIP answers a key that may not sign.
            LogKeyUsageRefused(_logger, context.Request.Method, RouteOf(context), e.Alias);
            await Envelope.WriteErrorAsync(context, StatusCodes.Status200OK, ErrorCodes.NotValidSignatureKey);
        }
#pragma warning disable CA1031 // this is the catch-all that keeps faults off the wire
        catch (Exception e) when (!context.Response.HasStarted)
#pragma warning restore CA1031
        {
            var (status, message) = e switch
            {
                KeyStoreUnavailableException => (StatusCodes.Status503ServiceUnavailable, "Key store unavailable; retry later"),
                KeyVaultUnavailableException => (StatusCodes.Status503ServiceUnavailable, "Key vault unavailable; retry later"),
                KeyStoreInvalidValueException => (StatusCodes.Status400BadRequest, "Invalid request: a value is not acceptable"),
                BadHttpRequestException bad => (bad.StatusCode, "Invalid request"),
                _ => (StatusCodes.Status500InternalServerError, ErrorCodes.InternalServerError.Message),
            };

            if (e is KeyVaultUnavailableException vault)
            {
                // A vault call failed: cached private keys stop being used until a probe finds the vault back.
                _vaultGate.Close(vault.Message);
            }

            if (e is KeyStoreInvalidValueException)
            {
                // Only the SQLSTATE: the database's own message can quote the refused value. A steady stream of these
                // on one route is a bug of ours in that class (a column too narrow), not clients' mistakes.
                LogInvalidValue(_logger, context.Request.Method, RouteOf(context), (e.InnerException as System.Data.Common.DbException)?.SqlState ?? "unknown");
            }

            if (status >= 500)
            {
                LogFault(_logger, context.Request.Method, RouteOf(context), context.TraceIdentifier, e);
            }

            var code = status is >= 400 and < 500 ? ErrorCodes.InvalidRequest.Code : ErrorCodes.InternalServerError.Code;
            await Envelope.WriteErrorAsync(context, status, new KavachError(code, message));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {Method} {Route}: the vault refused key {Alias} for this use")]
    private static partial void LogKeyUsageRefused(ILogger logger, string method, string route, string alias);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {Method} {Route}: the key store refused a value of the request (SQLSTATE {SqlState})")]
    private static partial void LogInvalidValue(ILogger logger, string method, string route, string sqlState);

    // The route pattern, never the path: paths carry identifiers (a UIN in /tokenid/{uin}/{partnercode}).
    private static string RouteOf(HttpContext context) =>
        (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no endpoint)";

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Method} {Route} failed (trace {TraceId})")]
    private static partial void LogFault(ILogger logger, string method, string route, string traceId, Exception exception);
}
