using System.Collections.Immutable;

namespace Connector.Catalog;

/// <summary>
/// One row to insert into a catalog table (besides its RealmId): column names and CLR values. Scripts render
/// it with literals (<see cref="SqlServer.Sql.SqlLiteral"/>); the connector sends it with parameters.
/// </summary>
public sealed record CatalogRow(string Table, ImmutableArray<KeyValuePair<string, object?>> Values)
{
    public bool Equals(CatalogRow? other) => other is not null && Table == other.Table && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => HashCode.Combine(Table, Values.Length);
}
