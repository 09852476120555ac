using System.Collections.Immutable;

namespace Connector.SchemaGeneration;

/// <summary>
/// A generated table: its columns, its primary key (clustered, or nonclustered beside a clustered index on
/// the owner where the key would pass SQL Server's 900-byte clustered key limit) and its indexes.
/// </summary>
public sealed record SqlTableDefinition(
    string Schema,
    string Name,
    TableRole Role,
    ImmutableArray<SqlColumnDefinition> Columns,
    ImmutableArray<string> PrimaryKey,
    bool PrimaryKeyClustered,
    ImmutableArray<SqlIndexDefinition> Indexes)
{
    public bool Equals(SqlTableDefinition? other) =>
        other is not null && Schema == other.Schema && Name == other.Name && Role == other.Role &&
        PrimaryKeyClustered == other.PrimaryKeyClustered && Columns.SequenceEqual(other.Columns) &&
        PrimaryKey.SequenceEqual(other.PrimaryKey) && Indexes.SequenceEqual(other.Indexes);

    public override int GetHashCode() => HashCode.Combine(Schema, Name, Role);
}
