using System.Globalization;
using Connector.Adapter;
using Connector.Applier;
using Connector.SchemaGeneration;
using Npgsql;

namespace Connector.Postgres;

/// <summary>
/// Conflicts on PostgreSQL (<c>Sync.ConflictPolicy</c>), found by the capture pass the applier runs before a Realm
/// transaction of a captured path: the objects (and collection owners) the transaction's calls touch, as PostgreSQL's
/// text of their keys, are looked up among the keys the pass read from the slot, that is, the SQL changes not yet sent
/// to Realm. Under <c>realm-wins</c> the pass leaves those keys out of the outbox (Realm's change overwrites them, as the
/// connector's Change Tracking context hides such a row on SQL Server); under <c>sql-wins</c> it sends them, and
/// <see cref="ConflictResolver"/> drops the Realm change. The calls' keys are those of <see cref="ConflictKeys"/>, as on
/// SQL Server.
/// </summary>
public sealed class PgConflictProbe
{
    private readonly List<(int Call, string Table, string Key, object PlanKey, bool Writes)> _touched = [];
    private readonly Dictionary<(string Table, string Key), SqlChange> _found = [];

    private PgConflictProbe(bool leaveOut) => LeaveOut = leaveOut;

    /// <summary>Whether the capture pass leaves the conflicting keys out of the outbox (realm-wins).</summary>
    public bool LeaveOut { get; }

    /// <summary>The keys the transaction touches, per table (class tables: object keys; collection tables: owners).</summary>
    public IReadOnlyDictionary<string, HashSet<string>> Keys => _touched
        .GroupBy(t => t.Table, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(t => t.Key).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

    public int Found => _found.Count;

    public static PgConflictProbe For(TransactionPlan plan, ConflictPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var probe = new PgConflictProbe(policy == ConflictPolicy.RealmWins);
        foreach (var touch in ConflictKeys.Of(MappingContext.For(plan.Mapping), plan))
        {
            probe.Touch(touch.Call, touch.Table, touch.Keys, touch.Kind is not (CallKind.Update or CallKind.ListInsert or CallKind.ListSet or CallKind.ListErase or CallKind.ListClear));
        }

        return probe;
    }

    /// <summary>PostgreSQL's text of a key as the plan holds it (the text the slot sends: bytea in hex, uuid in lowercase).</summary>
    public static string Text(object key) => key switch
    {
        byte[] bytes => "\\x" + Convert.ToHexStringLower(bytes),
        Guid guid => guid.ToString("D"),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => key.ToString()!,
    };

    /// <summary>
    /// Called by the capture pass with the net changes it read: records the touched keys SQL changed (with the pass's
    /// LSN and whether the row is gone now) and, under realm-wins, removes them from what the pass sends.
    /// </summary>
    internal async Task MatchAsync(NpgsqlConnection connection, SchemaMapping mapping, PgNetChanges net, long lsn, CancellationToken cancellationToken)
    {
        foreach (var (table, keys) in Keys)
        {
            var changed = net.Keys(table).Select(k => k.Key).Concat(net.Owners(table)).Where(keys.Contains).Distinct(StringComparer.Ordinal).ToList();
            if (changed.Count == 0)
            {
                continue;
            }

            var definition = mapping.Tables.First(t => t.Name == table);
            var gone = definition.Role == TableRole.Class ? await GoneAsync(connection, mapping, definition, changed, cancellationToken) : [];
            foreach (var key in changed)
            {
                _found[(table, key)] = new SqlChange(lsn, gone.Contains(key) ? "D" : "U");
                // realm-wins: Realm's change stands, so SQL's is not sent; but a row SQL deleted that Realm only SETs
                // stays deleted (the SET changes nothing), and Realm must hear of the DELETE.
                if (LeaveOut && (!gone.Contains(key) || _touched.Any(t => t.Table == table && t.Key == key && t.Writes)))
                {
                    net.Remove(table, key);
                }
            }
        }
    }

    /// <summary>What <see cref="ConflictResolver"/> takes: per call, the keys (as the plan holds them) SQL changed.</summary>
    public IReadOnlyDictionary<int, IReadOnlyDictionary<object, SqlChange>> ChangesByCall(SchemaMapping mapping)
    {
        var byCall = new Dictionary<int, IReadOnlyDictionary<object, SqlChange>>();
        foreach (var group in _touched.Where(t => _found.ContainsKey((t.Table, t.Key))).GroupBy(t => t.Call))
        {
            var changes = new Dictionary<object, SqlChange>(KeyComparer.For(mapping.Provider));
            foreach (var (_, table, key, planKey, _) in group)
            {
                changes[planKey] = _found[(table, key)];
            }

            byCall[group.Key] = changes;
        }

        return byCall;
    }

    private static async Task<HashSet<string>> GoneAsync(NpgsqlConnection connection, SchemaMapping mapping, SqlTableDefinition table, List<string> keys, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(PgDeltaQueries.Missing(mapping, table), connection);
        command.Parameters.Add(new NpgsqlParameter { Value = keys.ToArray() });
        var gone = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            gone.Add(reader.GetString(0));
        }

        return gone;
    }

    /// <param name="writes">Whether the call leaves Realm's state of the row whatever SQL did (an INSERT re-creates it, a
    /// DELETE removes it, a collection is replaced); a SET or LIST_* on a row SQL deleted changes nothing.</param>
    private void Touch(int call, string table, IEnumerable<object> keys, bool writes)
    {
        foreach (var key in keys)
        {
            _touched.Add((call, table, Text(key), key, writes));
        }
    }
}
