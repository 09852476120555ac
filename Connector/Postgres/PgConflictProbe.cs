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
    private readonly List<(int Call, string Table, string Key, object PlanKey, CallKind Kind)> _touched = [];
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
            probe.Touch(touch.Call, touch.Table, touch.Keys, touch.Kind);
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
                // realm-wins: Realm's change stands, so SQL's is not sent where Realm's overwrites it.
                if (LeaveOut && Overwrites(table, key, gone.Contains(key)))
                {
                    net.Remove(table, key);
                }
            }
        }
    }

    /// <summary>Records an SQL change to a touched key found elsewhere than in the probe's capture (<see cref="PgSentDeletes"/>).</summary>
    internal void Record(string table, string key, SqlChange change) => _found.TryAdd((table, key), change);

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

    /// <summary>Which of <paramref name="keys"> (PostgreSQL's text of them) have no row in <paramref name="table">.</summary>
    internal static async Task<HashSet<string>> GoneAsync(NpgsqlConnection connection, SchemaMapping mapping, SqlTableDefinition table, List<string> keys, CancellationToken cancellationToken)
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

    private void Touch(int call, string table, IEnumerable<object> keys, CallKind kind)
    {
        foreach (var key in keys)
        {
            _touched.Add((call, table, Text(key), key, kind));
        }
    }

    /// <summary>
    /// Whether Realm's change leaves SQL's change to the row nothing to say (realm-wins leaves it out of the outbox): an
    /// INSERT re-creates the row and a DELETE removes it whatever SQL did; a SET or a replaced collection overwrites a
    /// row SQL changed but changes nothing on a row SQL deleted (whose DELETE must go out); a LIST_* never writes its
    /// owner's row, so SQL's change to it always goes out.
    /// </summary>
    private bool Overwrites(string table, string key, bool gone) => _touched.Any(t => t.Table == table && t.Key == key && (t.Kind switch
    {
        CallKind.Upsert or CallKind.Delete => true,
        CallKind.Update or CallKind.Replace => !gone,
        _ => false,
    }));
}
