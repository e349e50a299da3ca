using System.Data.Common;
using Kavach.Devices.Deregistration;

namespace Kavach.Storage;

/// <summary>De-registration requests (migration 0013, table <c>device_deregistration</c>): a partial unique index keeps one open per device; updates are conditional on the state read.</summary>
internal sealed partial class SqlKeyStore : IDeregistrationStore
{
    private const string DeregColumns =
        "dereg_id, serial_no, reason, state, requested_by, requested_dtimes, approval_id, approved_by, approved_dtimes, deadline_dtimes, cmd_id, completed_dtimes, outcome";

    private string DeregTable => Sql.TablePrefix + "device_deregistration";

    /// <inheritdoc />
    public async Task<bool> TryInsertDeregistrationAsync(DeregistrationRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            await RunStatementAsync(
                $"""
                INSERT INTO {DeregTable} ({DeregColumns})
                VALUES (@id, @serial, @reason, @state, @by, @at, @approval, @approver, @approved, @deadline, @cmd, @completed, @outcome)
                """,
                command => BindDeregistration(command, record),
                static async (command, ct) => await command.ExecuteNonQueryAsync(ct),
                cancellationToken);
            return true;
        }
        catch (KeyStoreConflictException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<DeregistrationRecord?> GetDeregistrationAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var rows = await RunStatementAsync(
            $"SELECT {DeregColumns} FROM {DeregTable} WHERE dereg_id = @id",
            command => AddParameter(command, "@id", id),
            ReadDeregistrationsAsync,
            cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public async Task<DeregistrationRecord?> GetOpenDeregistrationAsync(string serialNo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serialNo);
        var rows = await RunStatementAsync(
            $"SELECT {DeregColumns} FROM {DeregTable} WHERE serial_no = @serial AND state IN ('Requested', 'Deregistering')",
            command => AddParameter(command, "@serial", serialNo),
            ReadDeregistrationsAsync,
            cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public async Task<bool> TryUpdateDeregistrationAsync(DeregistrationRecord record, DeregistrationState expectedState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var updated = await RunStatementAsync(
            $"""
            UPDATE {DeregTable} SET state = @state, approval_id = @approval, approved_by = @approver, approved_dtimes = @approved,
                deadline_dtimes = @deadline, cmd_id = @cmd, completed_dtimes = @completed, outcome = @outcome
            WHERE dereg_id = @id AND state = @expected
            """,
            command =>
            {
                BindDeregistration(command, record);
                AddParameter(command, "@expected", expectedState.ToString());
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct),
            cancellationToken);
        return updated == 1;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeregistrationRecord>> ListOverdueDeregistrationsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return RunStatementAsync(
            $"SELECT {DeregColumns} FROM {DeregTable} WHERE state = 'Deregistering' AND deadline_dtimes <= @now ORDER BY deadline_dtimes, dereg_id LIMIT @limit",
            command =>
            {
                AddTimestamp(command, "@now", now.UtcDateTime);
                AddParameter(command, "@limit", limit);
            },
            ReadDeregistrationsAsync,
            cancellationToken);
    }

    private void BindDeregistration(DbCommand command, DeregistrationRecord record)
    {
        AddParameter(command, "@id", record.Id);
        AddParameter(command, "@serial", record.SerialNo);
        AddParameter(command, "@reason", record.Reason);
        AddParameter(command, "@state", record.State.ToString());
        AddParameter(command, "@by", record.RequestedBy);
        AddTimestamp(command, "@at", record.RequestedAt.UtcDateTime);
        AddParameter(command, "@approval", record.ApprovalId);
        AddParameter(command, "@approver", record.ApprovedBy);
        AddTimestamp(command, "@approved", record.ApprovedAt?.UtcDateTime);
        AddTimestamp(command, "@deadline", record.DeadlineAt?.UtcDateTime);
        AddParameter(command, "@cmd", record.CommandId);
        AddTimestamp(command, "@completed", record.CompletedAt?.UtcDateTime);
        AddParameter(command, "@outcome", record.Outcome);
    }

    private async Task<IReadOnlyList<DeregistrationRecord>> ReadDeregistrationsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<DeregistrationRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new DeregistrationRecord(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                Enum.Parse<DeregistrationState>(reader.GetString(3)),
                reader.GetString(4),
                DeregInstant(reader, 5)!.Value,
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                DeregInstant(reader, 8),
                DeregInstant(reader, 9),
                reader.IsDBNull(10) ? null : reader.GetString(10),
                DeregInstant(reader, 11),
                reader.IsDBNull(12) ? null : reader.GetString(12)));
        }

        return rows;
    }

    private DateTimeOffset? DeregInstant(DbDataReader reader, int ordinal) =>
        ReadTimestamp(reader, ordinal) is { } value ? new DateTimeOffset(value, TimeSpan.Zero) : null;
}
