using Connector.Catalog;

namespace Connector.Partitioning;

/// <summary>
/// Which partitioned mapping a Realm path the catalog does not hold belongs to, by the patterns recorded in the catalog:
/// the same rule on every database (PostgreSQL's and SQL Server's appliers).
/// </summary>
public static class PartitionedPaths
{
    /// <summary>
    /// The unregistered path (RealmId 0) under the one partitioned mapping of <paramref name="realms"/> whose pattern
    /// matches <paramref name="realmPath"/>; null when none does. Two matching patterns are an error naming both.
    /// </summary>
    public static MappedRealm? Match(IEnumerable<MappedRealm> realms, string realmPath)
    {
        var matching = Matching(realms, realmPath);
        return matching.Count switch
        {
            0 => null,
            1 => new MappedRealm(0, realmPath, matching[0].SqlSchema) { PartitionOf = matching[0].RealmId },
            _ => throw new ConnectorException(
                $"Realm path '{realmPath}' matches the patterns of {matching.Count} partitioned mappings ({string.Join(", ", matching.Select(m => $"'{m.RealmPath}' in schema {m.SqlSchema}"))}); " +
                "its rows can belong to one only: narrow the patterns so that each path matches one."),
        };
    }

    /// <summary>The partitioned mappings of <paramref name="realms"/> whose pattern matches <paramref name="realmPath"/>.</summary>
    public static IReadOnlyList<MappedRealm> Matching(IEnumerable<MappedRealm> realms, string realmPath)
    {
        ArgumentNullException.ThrowIfNull(realms);
        return [.. realms.Where(r => r.Partitioned && Pattern(r).Matches(realmPath))];
    }

    // Each pass lists the journal against the catalog's patterns: a pattern is compiled once per text, not per path and pass.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, RealmPathPattern> Compiled = new(StringComparer.Ordinal);

    private static RealmPathPattern Pattern(MappedRealm mapping) =>
        Compiled.GetOrAdd(mapping.RealmPath, text => RealmPathPattern.Parse(text, $"realmsync.MappedRealm row {mapping.RealmId}"));
}
