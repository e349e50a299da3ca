using Kavach.Keys.Audit;
using Kavach.Keys.Errors;

namespace Kavach.Cli.Commands;

/// <summary>
/// Audit records of the commands that change keys, trust or access, in the same chain the server writes: actor
/// <c>cli:&lt;OS user&gt;</c>, an <c>ATTEMPT</c> record before the change, the outcome after it, and one
/// <c>key.generate</c> record per key the command made. A command whose record cannot be written fails (exit 1).
/// Use it with <c>await using</c>: a command that throws between its <c>ATTEMPT</c> and its outcome still gets an
/// outcome record (<c>ERROR</c>) when the scope ends, and its exception goes on unchanged.
/// </summary>
internal sealed class CliAudit : IAsyncDisposable
{
    /// <summary>The <c>auth_method</c> of CLI records: the operator is whoever the operating system says runs the command.</summary>
    public const string AuthMethod = "OS";

    private readonly CliKavach _kavach;
    private readonly AuditScope _scope;
    private readonly AuditEntry _attempt;
    private int _completed;

    private CliAudit(CliKavach kavach, AuditScope scope, AuditEntry attempt)
    {
        _kavach = kavach;
        _scope = scope;
        _attempt = attempt;
    }

    /// <summary>The actor of CLI records.</summary>
    public static string Actor => "cli:" + Environment.UserName;

    private bool Enabled => _kavach.Options.Audit.Enabled;

    /// <summary>
    /// Enters an ambient <see cref="AuditScope"/> for the rest of the calling command and writes the <c>ATTEMPT</c>
    /// record. Not async on purpose: the scope must flow back into the caller.
    /// </summary>
    public static Task<CliAudit> BeginAsync(CliKavach kavach, string operation, string? detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kavach);
        var scope = new AuditScope();
        AuditScope.Enter(scope);
        var audit = new CliAudit(kavach, scope, new AuditEntry
        {
            Time = kavach.Ring.Now,
            RequestId = "cli-" + Guid.NewGuid().ToString("N"),
            Actor = Actor,
            AuthMethod = AuthMethod,
            Operation = operation,
            Outcome = AuditOutcomes.Attempt,
            Detail = detail,
        });
        return audit.WriteAttemptAsync(cancellationToken);
    }

    /// <summary>Writes the outcome of <paramref name="result"/> (OK or its error code).</summary>
    public Task CompleteAsync<T>(Result<T> result, string? detail, CancellationToken cancellationToken) =>
        CompleteAsync(result.IsSuccess ? AuditOutcomes.Success : result.Error.Code, detail, cancellationToken);

    /// <summary>Writes the outcome record after the <c>key.generate</c> records of the keys the command made.</summary>
    public Task CompleteAsync(string outcome, string? detail, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _completed, 1) == 1 || !Enabled)
        {
            return Task.CompletedTask;
        }

        var parts = new[] { _attempt.Detail, _scope.Detail, detail }.Where(p => !string.IsNullOrEmpty(p)).ToList();
        var entry = _attempt with
        {
            Time = _kavach.Ring.Now,
            Outcome = outcome,
            KeyRef = _scope.KeyRef,
            Detail = parts.Count == 0 ? null : string.Join(' ', parts),
        };
        return _kavach.Audit.AppendAllAsync([.. _scope.GeneratedKeyEntries(entry), entry], cancellationToken);
    }

    /// <summary>Writes an <c>ERROR</c> outcome when the command ended without one (it threw or was cancelled).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Volatile.Read(ref _completed) == 1)
        {
            return;
        }

        try
        {
            // Not the command's token: a cancelled command is exactly the case that must still be recorded.
            await CompleteAsync(AuditOutcomes.Error, "aborted=true", CancellationToken.None);
        }
#pragma warning disable CA1031 // the command's own exception is the one the operator must see; this runs while it unwinds
        catch (Exception)
#pragma warning restore CA1031
        {
            // The store is gone too (the likely cause of the crash): the ATTEMPT record stands alone, as before.
        }
    }

    private async Task<CliAudit> WriteAttemptAsync(CancellationToken cancellationToken)
    {
        if (Enabled)
        {
            await _kavach.Audit.AppendAsync(_attempt, cancellationToken);
        }

        return this;
    }
}
