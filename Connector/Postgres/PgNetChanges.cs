using Connector.ChangeTracking;
using Connector.SchemaGeneration;

namespace Connector.Postgres;

/// <summary>
/// The net changes of a read, per key, as Change Tracking gives them on SQL Server: for each class table the keys
/// that changed with the operation the row's first change in the window says (<see cref="ClassRow.Insert"/> when the
/// row did not exist before, <see cref="ClassRow.Update"/> otherwise; whether it exists now the table tells), and for
/// each collection table the owners whose collection changed. An UPDATE that changed a key is a delete of the old key
/// and an insert of the new one. Keys are PostgreSQL's text of the value. Pure.
/// </summary>
public sealed class PgNetChanges
{
    private readonly Dictionary<string, Dictionary<string, string>> keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> owners = new(StringComparer.Ordinal);

    /// <summary>The tables truncated in the window: no change per key says what went, so their classes go whole.</summary>
    public HashSet<string> Truncated { get; } = new(StringComparer.Ordinal);

    /// <summary>The changed keys of a class table with their operation, in first-change order; empty when none.</summary>
    public IReadOnlyList<(string Key, string Operation)> Keys(string table) =>
        keys.TryGetValue(table, out var changed) ? [.. changed.Select(k => (k.Key, k.Value))] : [];

    /// <summary>The owners whose collection in <paramref name="childTable"/> changed.</summary>
    public IReadOnlyList<string> Owners(string childTable) =>
        owners.TryGetValue(childTable, out var changed) ? [.. changed] : [];

    /// <summary>Leaves a key (or a collection owner) of <paramref name="table"/> out of what the pass sends.</summary>
    public void Remove(string table, string key)
    {
        if (keys.TryGetValue(table, out var changed))
        {
            changed.Remove(key);
        }

        if (owners.TryGetValue(table, out var changedOwners))
        {
            changedOwners.Remove(key);
        }
    }

    /// <summary>
    /// A partitioned mapping's changes, each to the Realm its row names in the partition column, then netted per Realm
    /// (<see cref="From"/>). A row moved to another Realm (its partition column updated) is a delete in the Realm it left
    /// and an insert in the one it joined. Truncations are every Realm's.
    /// </summary>
    public static (Dictionary<int, PgNetChanges> ByRealm, HashSet<string> Truncated) ByRealm(SchemaMapping mapping, IEnumerable<PgRowChange> changes)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(changes);
        var byRealm = new Dictionary<int, List<PgRowChange>>();
        var truncated = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in changes.Where(c => c.Schema == mapping.SqlSchema))
        {
            if (change.Kind == PgChangeKind.Truncate)
            {
                truncated.Add(change.Table);
                continue;
            }

            var realm = RealmOf(change, change.Values);
            var left = change.OldKey is { } old ? RealmOf(change, old) : realm;
            if (left != realm)
            {
                Table(byRealm, left).Add(change with { Kind = PgChangeKind.Delete, Values = change.OldKey!, OldKey = null });
                Table(byRealm, realm).Add(change with { Kind = PgChangeKind.Insert, OldKey = null });
            }
            else
            {
                Table(byRealm, realm).Add(change);
            }
        }

        return (byRealm.ToDictionary(r => r.Key, r => From(mapping, r.Value)), truncated);
    }

    private static int RealmOf(PgRowChange change, IReadOnlyDictionary<string, string?> values) =>
        values.GetValueOrDefault(SchemaMapper.RealmColumn) is { } text && int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new InvalidOperationException(
                $"a change to table \"{change.Schema}\".\"{change.Table}\" carries no {SchemaMapper.RealmColumn}: a partitioned mapping's tables lead their primary key with it (REPLICA IDENTITY DEFAULT)");

    public static PgNetChanges From(SchemaMapping mapping, IEnumerable<PgRowChange> changes)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(changes);
        var classKeys = mapping.Classes.ToDictionary(c => c.Table, c => c.KeyColumn, StringComparer.Ordinal);
        var children = mapping.Tables.Where(t => t.Role != TableRole.Class).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var net = new PgNetChanges();
        foreach (var change in changes.Where(c => c.Schema == mapping.SqlSchema))
        {
            if (change.Kind == PgChangeKind.Truncate)
            {
                net.Truncated.Add(change.Table);
            }
            else if (classKeys.TryGetValue(change.Table, out var keyColumn))
            {
                net.AddRow(change, keyColumn);
            }
            else if (children.Contains(change.Table))
            {
                net.AddOwner(change, change.Values);
                if (change.OldKey is { } old)
                {
                    net.AddOwner(change, old);
                }
            }
        }

        return net;
    }

    private void AddRow(PgRowChange change, string keyColumn)
    {
        var table = Table(keys, change.Table);
        var key = change.Values.GetValueOrDefault(keyColumn);
        var oldKey = change.OldKey?.GetValueOrDefault(keyColumn);
        if (change.Kind == PgChangeKind.Update && oldKey is not null && oldKey != key)
        {
            table.TryAdd(oldKey, ClassRow.Update); // the old key is gone: its row reads as missing, a DELETE
            table.TryAdd(key ?? throw NoKey(change), ClassRow.Insert);
            return;
        }

        table.TryAdd(key ?? throw NoKey(change), change.Kind == PgChangeKind.Insert ? ClassRow.Insert : ClassRow.Update);
    }

    private void AddOwner(PgRowChange change, IReadOnlyDictionary<string, string?> values)
    {
        if (values.GetValueOrDefault(SchemaMapper.OwnerColumn) is { } owner)
        {
            Table(owners, change.Table).Add(owner);
        }
    }

    private static T Table<TKey, T>(Dictionary<TKey, T> byTable, TKey table)
        where TKey : notnull
        where T : new()
    {
        if (!byTable.TryGetValue(table, out var entries))
        {
            entries = new T();
            byTable.Add(table, entries);
        }

        return entries;
    }

    private static InvalidOperationException NoKey(PgRowChange change) =>
        new($"a change to table \"{change.Schema}\".\"{change.Table}\" carries no key: its replica identity must be its primary key (REPLICA IDENTITY DEFAULT)");
}
