using System.Text;

namespace Kavach.Keys.Audit;

/// <summary>
/// The column sizes of the audit table and the cleaning every text field gets before it is hashed, so what is
/// stored is exactly what was hashed: control characters and unpaired surrogates become <c>?</c>, and values are cut
/// to their column size without splitting a surrogate pair.
/// </summary>
public static class AuditFields
{
    /// <summary>request_id.</summary>
    public const int RequestId = 128;

    /// <summary>actor.</summary>
    public const int Actor = 256;

    /// <summary>auth_method.</summary>
    public const int AuthMethod = 64;

    /// <summary>client_addr.</summary>
    public const int Client = 64;

    /// <summary>operation.</summary>
    public const int Operation = 64;

    /// <summary>app_id.</summary>
    public const int AppId = 64;

    /// <summary>ref_id.</summary>
    public const int RefId = 128;

    /// <summary>key_ref.</summary>
    public const int KeyRef = 200;

    /// <summary>subject.</summary>
    public const int Subject = 128;

    /// <summary>outcome.</summary>
    public const int Outcome = 64;

    /// <summary>detail.</summary>
    public const int Detail = 1024;

    /// <summary>The entry as it will be stored: time truncated to microseconds (UTC), text cleaned and cut.</summary>
    public static AuditEntry Normalize(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new AuditEntry
        {
            Time = TruncateToMicroseconds(entry.Time),
            RequestId = Clean(entry.RequestId, RequestId),
            Actor = Clean(entry.Actor, Actor),
            AuthMethod = Clean(entry.AuthMethod, AuthMethod),
            Client = Clean(entry.Client, Client),
            Operation = Clean(entry.Operation, Operation) ?? string.Empty,
            AppId = Clean(entry.AppId, AppId),
            RefId = Clean(entry.RefId, RefId),
            KeyRef = Clean(entry.KeyRef, KeyRef),
            Subject = Clean(entry.Subject, Subject),
            Outcome = Clean(entry.Outcome, Outcome) ?? string.Empty,
            HttpStatus = entry.HttpStatus,
            Detail = Clean(entry.Detail, Detail),
        };
    }

    /// <summary>UTC (unspecified is taken as UTC), whole microseconds: the precision both databases keep.</summary>
    public static DateTime TruncateToMicroseconds(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);
    }

    /// <summary>Replaces control characters and unpaired surrogates with <c>?</c> and cuts to <paramref name="max"/> UTF-16 units.</summary>
    public static string? Clean(string? value, int max)
    {
        if (value is null)
        {
            return null;
        }

        var builder = new StringBuilder(Math.Min(value.Length, max));
        for (var i = 0; i < value.Length && builder.Length < max; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                if (builder.Length + 2 > max)
                {
                    break;
                }

                builder.Append(c).Append(value[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(c) || char.IsControl(c))
            {
                builder.Append('?');
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
