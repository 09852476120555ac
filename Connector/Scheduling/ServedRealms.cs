using Connector.Catalog;
using Connector.Configuration;
using Connector.Sql;
using Microsoft.Extensions.Options;

namespace Connector.Scheduling;

/// <summary>
/// The Realm paths this node serves: those of <c>Realm.RealmPaths</c>, or every path mapped in the catalog when
/// the list is empty. A configured path the catalog does not map is reported, not silently dropped.
/// </summary>
public sealed class ServedRealms(SqlConnectionFactory connections, IOptions<RealmOptions> realm)
{
    public async Task<(IReadOnlyList<MappedRealm> Realms, IReadOnlyList<string> Warnings)> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var mapped = await CatalogStore.ListRealmsAsync(connection, null, cancellationToken);
        var wanted = realm.Value.RealmPaths;
        if (wanted.Count == 0)
        {
            return (mapped, []);
        }

        var byPath = mapped.ToDictionary(r => r.RealmPath, StringComparer.Ordinal);
        var warnings = wanted.Where(p => !byPath.ContainsKey(p))
            .Select(p => $"Realm path '{p}' (Realm.RealmPaths) is not mapped in the catalog; deploy its schema (bootstrap) or remove it from the configuration")
            .ToList();
        return ([.. wanted.Where(byPath.ContainsKey).Select(p => byPath[p])], warnings);
    }
}
