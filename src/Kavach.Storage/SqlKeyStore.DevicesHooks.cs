using System.Data.Common;
using Kavach.Devices.Hooks;

namespace Kavach.Storage;

/// <summary>The outbound hooks' outbox (migration 0013, table <c>device_hook_delivery</c>); claims are conditional updates, so replicas never send one attempt twice.</summary>
internal sealed partial class SqlKeyStore : IHookOutboxStore
{
    private const string HookColumns = "delivery_id, hook_kind, subject, body, state, attempts, next_attempt_dtimes, cr_dtimes, last_status, last_error";

    private string HookTable => Sql.TablePrefix + "device_hook_delivery";

    /// <inheritdoc />
    public async Task EnqueueAsync(HookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await RunStatementAsync(
            $"INSERT INTO {HookTable} ({HookColumns}) VALUES (@id, @kind, @subject, @body, @state, @attempts, @next, @created, @status, @error)",
            command =>
            {
                AddParameter(command, "@id", delivery.Id);
                AddParameter(command, "@kind", delivery.Kind.ToString());
                AddParameter(command, "@subject", delivery.Subject);
                AddParameter(command, "@body", delivery.Body);
                AddParameter(command, "@state", delivery.State.ToString());
                AddParameter(command, "@attempts", delivery.Attempts);
                AddTimestamp(command, "@next", delivery.NextAttemptAt.UtcDateTime);
                AddTimestamp(command, "@created", delivery.CreatedAt.UtcDateTime);
                AddParameter(command, "@status", delivery.LastStatus);
                AddParameter(command, "@error", Clip(delivery.LastError));
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HookDelivery>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return RunStatementAsync(
            $"SELECT {HookColumns} FROM {HookTable} WHERE state = 'Pending' AND next_attempt_dtimes <= @now ORDER BY next_attempt_dtimes, delivery_id LIMIT @limit",
            command =>
            {
                AddTimestamp(command, "@now", now.UtcDateTime);
                AddParameter(command, "@limit", limit);
            },
            ReadHookRowsAsync,
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> TryClaimAsync(string id, int expectedAttempts, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var updated = await RunStatementAsync(
            $"""
            UPDATE {HookTable} SET attempts = attempts + 1, next_attempt_dtimes = @lease
            WHERE delivery_id = @id AND state = 'Pending' AND attempts = @attempts AND next_attempt_dtimes <= @now
            """,
            command =>
            {
                AddParameter(command, "@id", id);
                AddParameter(command, "@attempts", expectedAttempts);
                AddTimestamp(command, "@now", now.UtcDateTime);
                AddTimestamp(command, "@lease", leaseUntil.UtcDateTime);
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct),
            cancellationToken);
        return updated == 1;
    }

    /// <inheritdoc />
    public async Task CompleteAttemptAsync(string id, HookDeliveryState state, DateTimeOffset nextAttemptAt, int? status, string? error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        await RunStatementAsync(
            $"UPDATE {HookTable} SET state = @state, next_attempt_dtimes = @next, last_status = @status, last_error = @error WHERE delivery_id = @id AND state = 'Pending'",
            command =>
            {
                AddParameter(command, "@id", id);
                AddParameter(command, "@state", state.ToString());
                AddTimestamp(command, "@next", nextAttemptAt.UtcDateTime);
                AddParameter(command, "@status", status);
                AddParameter(command, "@error", Clip(error));
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<HookDelivery?> GetDeliveryAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var rows = await RunStatementAsync(
            $"SELECT {HookColumns} FROM {HookTable} WHERE delivery_id = @id",
            command => AddParameter(command, "@id", id),
            ReadHookRowsAsync,
            cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HookDelivery>> ListDeliveriesAsync(string subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return RunStatementAsync(
            $"SELECT {HookColumns} FROM {HookTable} WHERE subject = @subject ORDER BY cr_dtimes, delivery_id",
            command => AddParameter(command, "@subject", subject),
            ReadHookRowsAsync,
            cancellationToken);
    }

    private static string? Clip(string? text) => text is { Length: > 256 } ? text[..256] : text;

    private async Task<IReadOnlyList<HookDelivery>> ReadHookRowsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<HookDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new HookDelivery(
                reader.GetString(0),
                Enum.Parse<HookKind>(reader.GetString(1)),
                reader.GetString(2),
                (byte[])reader.GetValue(3),
                Enum.Parse<HookDeliveryState>(reader.GetString(4)),
                Convert.ToInt32(reader.GetValue(5), System.Globalization.CultureInfo.InvariantCulture),
                new DateTimeOffset(ReadTimestamp(reader, 6) ?? MissingInstant, TimeSpan.Zero),
                new DateTimeOffset(ReadTimestamp(reader, 7) ?? MissingInstant, TimeSpan.Zero),
                reader.IsDBNull(8) ? null : Convert.ToInt32(reader.GetValue(8), System.Globalization.CultureInfo.InvariantCulture),
                reader.IsDBNull(9) ? null : reader.GetString(9)));
        }

        return rows;
    }
}
