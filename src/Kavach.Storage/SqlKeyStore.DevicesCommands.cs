using System.Data.Common;
using System.Globalization;
using Kavach.Devices.Commands;
using Kavach.Devices.Policy;

namespace Kavach.Storage;

/// <summary>
/// Device operations' tables (migration 0011): the command queue and the daily jobs' run table. Every state change
/// is one conditional statement, so replicas racing on one command or one day see exactly one winner.
/// </summary>
internal sealed partial class SqlKeyStore : IDeviceCommandStore, IDailyJobRunStore
{
    private const string CommandColumns =
        "cmd_id, serial_no, kind, args, state, created_at, expires_at, delivered_at, completed_at, attempts, max_attempts, result, cr_by";

    private const string RunColumns = "job_name, run_day, node, started_at, completed_at, outcome, summary";

    /// <inheritdoc />
    public Task<bool> TryInsertCommandAsync(DeviceCommandRecord command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return RunStatementAsync(
            $"""
            INSERT INTO {Sql.TablePrefix}device_command ({CommandColumns})
            VALUES (@id, @serial, @kind, @args, @state, @created, @expires, @delivered, @completed, @attempts, @max, @result, @by)
            ON CONFLICT (cmd_id) DO NOTHING
            """,
            command1 =>
            {
                AddParameter(command1, "@id", command.CmdId);
                AddParameter(command1, "@serial", command.SerialNo);
                AddParameter(command1, "@kind", command.Kind);
                AddParameter(command1, "@args", command.Args);
                AddParameter(command1, "@state", command.State.ToName());
                AddTimestamp(command1, "@created", command.CreatedAt.UtcDateTime);
                AddTimestamp(command1, "@expires", command.ExpiresAt.UtcDateTime);
                AddTimestamp(command1, "@delivered", command.DeliveredAt?.UtcDateTime);
                AddTimestamp(command1, "@completed", command.CompletedAt?.UtcDateTime);
                AddParameter(command1, "@attempts", command.Attempts);
                AddParameter(command1, "@max", command.MaxAttempts);
                AddParameter(command1, "@result", command.Result);
                AddParameter(command1, "@by", command.CreatedBy);
            },
            static async (command1, ct) => await command1.ExecuteNonQueryAsync(ct) > 0,
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<DeviceCommandRecord?> GetCommandAsync(string cmdId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cmdId);
        var rows = await RunStatementAsync(
            $"SELECT {CommandColumns} FROM {Sql.TablePrefix}device_command WHERE cmd_id = @id",
            command => AddParameter(command, "@id", cmdId),
            ReadCommandsAsync,
            cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeviceCommandRecord>> ListCommandsAsync(string serialNo, DeviceCommandState? state, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serialNo);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        var stateFilter = state is null ? string.Empty : " AND state = @state";
        return RunStatementAsync(
            $"SELECT {CommandColumns} FROM {Sql.TablePrefix}device_command WHERE serial_no = @serial{stateFilter} " +
            $"ORDER BY created_at DESC, cmd_id {Dialect.BinaryCollation} LIMIT @limit",
            command =>
            {
                AddParameter(command, "@serial", serialNo);
                if (state is { } s)
                {
                    AddParameter(command, "@state", s.ToName());
                }

                AddParameter(command, "@limit", limit);
            },
            ReadCommandsAsync,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> TryMarkDeliveredAsync(string cmdId, int expectedAttempts, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cmdId);
        return RunStatementAsync(
            $"""
            UPDATE {Sql.TablePrefix}device_command SET state = @delivered, delivered_at = @at, attempts = attempts + 1
            WHERE cmd_id = @id AND state = @queued AND attempts = @attempts AND expires_at > @at
            """,
            command =>
            {
                AddParameter(command, "@id", cmdId);
                AddParameter(command, "@delivered", DeviceCommandState.Delivered.ToName());
                AddParameter(command, "@queued", DeviceCommandState.Queued.ToName());
                AddParameter(command, "@attempts", expectedAttempts);
                AddTimestamp(command, "@at", at.UtcDateTime);
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct) > 0,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> TryChangeStateAsync(string cmdId, DeviceCommandState from, int expectedAttempts, DeviceCommandState to, string? result, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cmdId);
        var final = to.IsFinal();
        var completion = final ? ", completed_at = @at, result = @result" : string.Empty;
        return RunStatementAsync(
            $"""
            UPDATE {Sql.TablePrefix}device_command SET state = @to{completion}
            WHERE cmd_id = @id AND state = @from AND attempts = @attempts
            """,
            command =>
            {
                AddParameter(command, "@id", cmdId);
                AddParameter(command, "@from", from.ToName());
                AddParameter(command, "@to", to.ToName());
                AddParameter(command, "@attempts", expectedAttempts);
                if (final)
                {
                    AddTimestamp(command, "@at", at.UtcDateTime);
                    AddParameter(command, "@result", result);
                }
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct) > 0,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeviceCommandRecord>> ListOverdueAsync(string? serialNo, DateTimeOffset now, DateTimeOffset deliveredBefore, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        var serialFilter = serialNo is null ? string.Empty : "serial_no = @serial AND ";
        return RunStatementAsync(
            $"""
            SELECT {CommandColumns} FROM {Sql.TablePrefix}device_command
            WHERE {serialFilter}((state IN (@queued, @delivered) AND expires_at <= @now) OR (state = @delivered AND delivered_at <= @cutoff))
            ORDER BY created_at, cmd_id {Dialect.BinaryCollation} LIMIT @limit
            """,
            command =>
            {
                if (serialNo is not null)
                {
                    AddParameter(command, "@serial", serialNo);
                }

                AddParameter(command, "@queued", DeviceCommandState.Queued.ToName());
                AddParameter(command, "@delivered", DeviceCommandState.Delivered.ToName());
                AddTimestamp(command, "@now", now.UtcDateTime);
                AddTimestamp(command, "@cutoff", deliveredBefore.UtcDateTime);
                AddParameter(command, "@limit", limit);
            },
            ReadCommandsAsync,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> TryClaimRunAsync(string jobName, DateOnly day, string node, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobName);
        ArgumentException.ThrowIfNullOrEmpty(node);

        // One INSERT against the primary key: of two replicas claiming the same day, exactly one gets a row.
        return RunStatementAsync(
            $"""
            INSERT INTO {Sql.TablePrefix}device_job_run ({RunColumns})
            VALUES (@job, @day, @node, @at, NULL, NULL, NULL)
            ON CONFLICT (job_name, run_day) DO NOTHING
            """,
            command =>
            {
                AddParameter(command, "@job", jobName);
                AddParameter(command, "@day", DayText(day));
                AddParameter(command, "@node", node);
                AddTimestamp(command, "@at", at.UtcDateTime);
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct) > 0,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task CompleteRunAsync(string jobName, DateOnly day, string outcome, string summary, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobName);
        ArgumentException.ThrowIfNullOrEmpty(outcome);
        ArgumentNullException.ThrowIfNull(summary);
        return RunStatementAsync(
            $"UPDATE {Sql.TablePrefix}device_job_run SET completed_at = @at, outcome = @outcome, summary = @summary WHERE job_name = @job AND run_day = @day",
            command =>
            {
                AddParameter(command, "@job", jobName);
                AddParameter(command, "@day", DayText(day));
                AddParameter(command, "@outcome", outcome);
                AddParameter(command, "@summary", summary.Length <= 1024 ? summary : summary[..1024]);
                AddTimestamp(command, "@at", at.UtcDateTime);
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<DailyJobRun?> GetRunAsync(string jobName, DateOnly day, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobName);
        return RunStatementAsync(
            $"SELECT {RunColumns} FROM {Sql.TablePrefix}device_job_run WHERE job_name = @job AND run_day = @day",
            command =>
            {
                AddParameter(command, "@job", jobName);
                AddParameter(command, "@day", DayText(day));
            },
            async (command, ct) =>
            {
                await using var reader = await command.ExecuteReaderAsync(ct);
                if (!await reader.ReadAsync(ct))
                {
                    return null;
                }

                return (DailyJobRun?)new DailyJobRun(
                    reader.GetString(0),
                    DateOnly.ParseExact(reader.GetString(1), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    reader.GetString(2),
                    CommandInstant(reader, 3) ?? DateTimeOffset.MinValue,
                    CommandInstant(reader, 4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6));
            },
            cancellationToken);
    }

    private static string DayText(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private DateTimeOffset? CommandInstant(DbDataReader reader, int ordinal) =>
        ReadTimestamp(reader, ordinal) is { } value ? new DateTimeOffset(value, TimeSpan.Zero) : null;

    private async Task<IReadOnlyList<DeviceCommandRecord>> ReadCommandsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<DeviceCommandRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new DeviceCommandRecord(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                DeviceCommandStates.Parse(reader.GetString(4)) ?? throw new InvalidDataException("A device_command row has an unknown state."),
                CommandInstant(reader, 5) ?? DateTimeOffset.MinValue,
                CommandInstant(reader, 6) ?? DateTimeOffset.MinValue,
                CommandInstant(reader, 7),
                CommandInstant(reader, 8),
                Convert.ToInt32(reader.GetValue(9), CultureInfo.InvariantCulture),
                Convert.ToInt32(reader.GetValue(10), CultureInfo.InvariantCulture),
                reader.IsDBNull(11) ? null : reader.GetString(11),
                reader.GetString(12)));
        }

        return rows;
    }
}
