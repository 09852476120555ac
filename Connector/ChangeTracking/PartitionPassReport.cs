using Connector.SchemaGeneration;

namespace Connector.ChangeTracking;

/// <summary>
/// What a capture or poll pass of a partitioned mapping says beside its counts, in the same words on both databases:
/// the Realms it re-sent whole, those it sent for the first time, and the changed rows it could route to no Realm.
/// </summary>
public static class PartitionPassReport
{
    public static string EveryRealmWhole(SchemaMapping mapping, int realms, string reason) =>
        $"partitioned mapping '{Pattern(mapping)}': every registered Realm ({realms}) re-sent whole (CLEAR + INSERTs): {reason}";

    public static string Fresh(SchemaMapping mapping, IReadOnlyList<string> paths) =>
        $"partitioned mapping '{Pattern(mapping)}': {paths.Count} Realm path(s) sent whole for the first time ({Sample(paths)})";

    /// <summary>Changed rows whose <see cref="SchemaMapper.RealmColumn"/> names no registered Realm of the mapping: kept, not sent.</summary>
    public static string Unrouted(SchemaMapping mapping, IReadOnlyList<int> ids) =>
        $"partitioned mapping '{Pattern(mapping)}': rows changed in SQL whose {SchemaMapper.RealmColumn} ({Sample(ids)}) is no registered Realm of the mapping " +
        "were not sent; they stay in the tables and go out if a Realm with that id registers (status counts them)";

    /// <summary>The first five items, quoted, and how many more.</summary>
    public static string Sample<T>(IReadOnlyList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return string.Join(", ", items.Take(5).Select(i => $"'{i}'")) + (items.Count > 5 ? $" and {items.Count - 5} more" : string.Empty);
    }

    private static string Pattern(SchemaMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return mapping.RealmPath;
    }
}
