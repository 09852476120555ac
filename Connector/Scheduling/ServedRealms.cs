using Connector.Catalog;
using Connector.Configuration;
using Connector.SqlServer.Catalog;
using Connector.SqlServer.Sql;
using Microsoft.Extensions.Options;

namespace Connector.Scheduling;

/// <summary>
/// The Realm paths this node serves: those of <c>Realm.RealmPaths</c>, or every path mapped in the catalog when
/// the list is empty. A configured path the catalog does not map is reported, not silently dropped.
/// </summary>
public sealed class ServedRealms(IRealmCatalog catalog, IOptions<RealmOptions> realm)
{
    public ServedRealms(SqlConnectionFactory connections, IOptions<RealmOptions> realm)
        : this(new SqlServerRealmCatalog(connections), realm)
    {
    }

    public async Task<(IReadOnlyList<MappedRealm> Realms, IReadOnlyList<string> Warnings)> ListAsync(CancellationToken cancellationToken)
    {
        var mapped = await catalog.ListAsync(cancellationToken);
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
