using System.Collections.Immutable;

namespace Connector.ChangeTracking;

/// <summary>An existing table to map SQL-first: its columns in column order and its primary-key columns in key order.</summary>
public sealed record TableMetadata(string Schema, string Name, ImmutableArray<ColumnMetadata> Columns, ImmutableArray<string> PrimaryKey)
{
    public bool Equals(TableMetadata? other) =>
        other is not null && Schema == other.Schema && Name == other.Name &&
        Columns.SequenceEqual(other.Columns) && PrimaryKey.SequenceEqual(other.PrimaryKey);

    public override int GetHashCode() => HashCode.Combine(Schema, Name);
}
