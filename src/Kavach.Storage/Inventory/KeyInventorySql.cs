using System.Globalization;
using System.Text;

namespace Kavach.Storage.Inventory;

/// <summary>
/// The key inventory's statements for both dialects. A key's state is computed in SQL from <c>@now</c> and the revoked
/// aliases (<c>@rv0</c>, <c>@rv1</c>, …), exactly as <c>KeyStates.Of</c> computes it in memory: revoked first, then
/// not yet valid, then valid (<c>gen ≤ now ≤ expire</c>), else expired. Only the prefix, the collation and the number
/// of revoked-alias parameters are spliced in.
/// </summary>
internal sealed class KeyInventorySql
{
    private const string Started = "(k.key_gen_dtimes IS NULL OR k.key_gen_dtimes <= @now)";
    private const string Unexpired = "(k.key_expire_dtimes IS NOT NULL AND k.key_expire_dtimes >= @now)";

    private readonly string _prefix;
    private readonly string _collation;

    internal KeyInventorySql(string tablePrefix, string binaryCollation)
    {
        _prefix = tablePrefix;
        _collation = binaryCollation;
    }

    /// <summary>The revoked-alias parameter names for <paramref name="count"/> aliases.</summary>
    internal static string RevokedParameter(int index) => "@rv" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>One row per application (<paramref name="byReference"/> false) or per reference of <c>@app_id</c>.</summary>
    internal string CountGroups(int revoked, bool byReference)
    {
        var r = Revoked(revoked);
        var active = $"(NOT {r} AND {Started} AND {Unexpired})";
        var groupBy = byReference ? "k.app_id, k.ref_id" : "k.app_id";
        var master =
            $"(SELECT m.id FROM {_prefix}key_alias m WHERE m.app_id = k.app_id AND m.ref_id = '' " +
            "AND (m.key_gen_dtimes IS NULL OR m.key_gen_dtimes <= @now) AND m.key_expire_dtimes >= @now " +
            $"ORDER BY m.key_gen_dtimes DESC, m.id {_collation} LIMIT 1)";
        return
            $"""
            SELECT k.app_id, {(byReference ? "k.ref_id" : "NULL")}, COUNT(DISTINCT k.ref_id), COUNT(*),
                SUM(CASE WHEN {active} THEN 1 ELSE 0 END),
                SUM(CASE WHEN NOT {r} AND {Started} AND NOT {Unexpired} THEN 1 ELSE 0 END),
                SUM(CASE WHEN {r} THEN 1 ELSE 0 END),
                MIN(CASE WHEN {active} THEN k.key_expire_dtimes END),
                {master}
            FROM {_prefix}key_alias k
            {(byReference ? "WHERE k.app_id = @app_id" : string.Empty)}
            GROUP BY {groupBy}
            ORDER BY {(byReference ? $"k.app_id {_collation}, k.ref_id {_collation}" : $"k.app_id {_collation}")}
            """;
    }

    /// <summary>One page of keys; the filters present are named by the flags.</summary>
    internal string ListKeys(int revoked, bool app, bool reference, KeyAliasState? state, bool expiring, bool after)
    {
        var r = Revoked(revoked);
        var where = new List<string>();
        if (app)
        {
            where.Add("k.app_id = @app_id");
        }

        if (reference)
        {
            where.Add("k.ref_id = @ref_id");
        }

        if (state is { } s)
        {
            where.Add(s switch
            {
                KeyAliasState.Revoked => r,
                KeyAliasState.Future => $"NOT {r} AND NOT {Started}",
                KeyAliasState.Active => $"NOT {r} AND {Started} AND {Unexpired}",
                _ => $"NOT {r} AND {Started} AND NOT {Unexpired}",
            });
        }

        string order;
        if (expiring)
        {
            where.Add($"NOT {r} AND {Started} AND {Unexpired} AND k.key_expire_dtimes <= @expires_by");
            order = $"k.key_expire_dtimes, k.id {_collation}";
            if (after)
            {
                where.Add($"(k.key_expire_dtimes > @after_expire OR (k.key_expire_dtimes = @after_expire AND k.id {_collation} > @after_id))");
            }
        }
        else
        {
            // Oldest first within a pair, as `kavach keys list` has always listed them.
            order = $"k.app_id {_collation}, k.ref_id {_collation}, k.key_gen_dtimes, k.id {_collation}";
            if (after)
            {
                where.Add(
                    $"(k.app_id {_collation} > @after_app OR (k.app_id = @after_app AND (k.ref_id {_collation} > @after_ref " +
                    "OR (k.ref_id = @after_ref AND (k.key_gen_dtimes > @after_gen " +
                    $"OR (k.key_gen_dtimes = @after_gen AND k.id {_collation} > @after_id))))))");
            }
        }

        return
            $"""
            SELECT k.id, k.app_id, k.ref_id, k.key_gen_dtimes, k.key_expire_dtimes, k.cert_thumbprint, k.uni_ident, s.master_key, s.certificate_data
            FROM {_prefix}key_alias k LEFT JOIN {_prefix}key_store s ON s.id = k.id
            {(where.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", where.Select(w => "(" + w + ")")))}
            ORDER BY {order}
            LIMIT @limit
            """;
    }

    private static string Revoked(int count)
    {
        if (count == 0)
        {
            return "(1 = 0)";
        }

        var list = new StringBuilder("(k.id IN (");
        for (var i = 0; i < count; i++)
        {
            list.Append(i == 0 ? string.Empty : ", ").Append(RevokedParameter(i));
        }

        return list.Append("))").ToString();
    }
}
