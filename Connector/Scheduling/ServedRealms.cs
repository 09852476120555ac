using Connector.Catalog;
using Connector.Configuration;
using Connector.SqlServer.Catalog;
using Connector.SqlServer.Sql;
using Microsoft.Extensions.Options;

namespace Connector.Scheduling;

/// <summary>
/// The Realm paths this node serves: those of <c>Realm.RealmPaths</c>, or every path mapped in the catalog when
/// the list is empty. A configured path the catalog does not map is reported, not silently dropped. A partitioned
/// mapping (issue 12) is not a path: its registered paths are served like any other, its capture is one for all of
/// them (<see cref="ListCapturedAsync"/>), and the inbound pass also takes up the journal's paths its pattern matches
/// that are not registered yet (<see cref="ListInboundAsync"/>).
/// </summary>
public sealed class ServedRealms(IRealmCatalog catalog, IOptions<RealmOptions> realm)
{
    public ServedRealms(SqlConnectionFactory connections, IOptions<RealmOptions> realm)
        : this(new SqlServerRealmCatalog(connections), realm)
    {
    }

    /// <summary>The served Realm paths (for the inbound and ship passes): every mapped or registered path, not the partitioned mappings themselves.</summary>
    public async Task<(IReadOnlyList<MappedRealm> Realms, IReadOnlyList<string> Warnings)> ListAsync(CancellationToken cancellationToken)
    {
        var (realms, _, warnings) = await ListAllAsync(cancellationToken);
        return (realms, warnings);
    }

    /// <summary>
    /// What a capture (poll) pass reads: each served path mapped on its own, and each partitioned mapping one of whose
    /// paths is served, once for all of them (its changes go to each row's Realm).
    /// </summary>
    public async Task<(IReadOnlyList<MappedRealm> Realms, IReadOnlyList<string> Warnings)> ListCapturedAsync(CancellationToken cancellationToken)
    {
        var (realms, mappings, warnings) = await ListAllAsync(cancellationToken);
        var owners = realms.Where(r => r.PartitionOf is not null).Select(r => r.PartitionOf!.Value).ToHashSet();
        var wholeMappings = realm.Value.RealmPaths.Count == 0 ? mappings : [.. mappings.Where(m => owners.Contains(m.RealmId))];
        return ([.. realms.Where(r => r.PartitionOf is null), .. wholeMappings], warnings);
    }

    /// <summary>
    /// The served paths and, after them, the Realm paths of the journal that a partitioned mapping's pattern matches and
    /// the catalog does not hold yet (RealmId 0: the applier registers each with its first transaction). A journal
    /// path that matches no pattern (or two) is listed too, for the applier to refuse it by name (its journal untouched).
    /// Costs one listing of the journal's root.
    /// </summary>
    public async Task<(IReadOnlyList<MappedRealm> Realms, IReadOnlyList<string> Warnings)> ListInboundAsync(Journal.JournalPaths journal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var (realms, mappings, warnings) = await ListAllAsync(cancellationToken);
        if (mappings.Count == 0)
        {
            return (realms, warnings);
        }

        var known = realms.Select(r => r.RealmPath).ToHashSet(StringComparer.Ordinal);
        var wanted = realm.Value.RealmPaths.Count == 0 ? null : realm.Value.RealmPaths.ToHashSet(StringComparer.Ordinal);
        var fresh = new List<MappedRealm>();
        var all = warnings.ToList();
        foreach (var path in journal.ListRealms().RealmPaths.Where(p => !known.Contains(p) && (wanted is null || wanted.Contains(p))))
        {
            var matching = Partitioning.PartitionedPaths.Matching(mappings, path);
            if (matching.Count == 1)
            {
                fresh.Add(new MappedRealm(0, path, matching[0].SqlSchema) { PartitionOf = matching[0].RealmId });
            }
            else
            {
                // No pattern, or two: the applier refuses the path with the reason and stops it; its journal stays as it is.
                fresh.Add(new MappedRealm(0, path, string.Empty));
            }
        }

        return ([.. realms, .. fresh], all);
    }

    private async Task<(IReadOnlyList<MappedRealm> Realms, IReadOnlyList<MappedRealm> Mappings, IReadOnlyList<string> Warnings)> ListAllAsync(CancellationToken cancellationToken)
    {
        var rows = await catalog.ListAsync(cancellationToken);
        var mappings = rows.Where(r => r.Partitioned).ToList();
        var mapped = rows.Where(r => !r.Partitioned).ToList();
        var wanted = realm.Value.RealmPaths;
        if (wanted.Count == 0)
        {
            return (mapped, mappings, []);
        }

        var byPath = mapped.ToDictionary(r => r.RealmPath, StringComparer.Ordinal);
        // A wanted path a pattern matches registers with its first transaction: not a warning.
        var warnings = wanted.Where(p => !byPath.ContainsKey(p) && Partitioning.PartitionedPaths.Matching(mappings, p).Count == 0)
            .Select(p => $"Realm path '{p}' (Realm.RealmPaths) is not mapped in the catalog; deploy its schema (bootstrap) or remove it from the configuration")
            .ToList();
        return ([.. wanted.Where(byPath.ContainsKey).Select(p => byPath[p])], mappings, warnings);
    }
}

/// <summary>The Realm paths a database's catalog maps (realmsync.MappedRealm): one implementation per database.</summary>
public interface IRealmCatalog
{
    Task<IReadOnlyList<MappedRealm>> ListAsync(CancellationToken cancellationToken);
}

internal sealed class SqlServerRealmCatalog(SqlConnectionFactory connections) : IRealmCatalog
{
    public async Task<IReadOnlyList<MappedRealm>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await CatalogStore.ListRealmsAsync(connection, null, cancellationToken);
    }
}
