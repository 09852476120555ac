using System.Collections.Immutable;

namespace Connector.SchemaGeneration;

public sealed record SqlIndexDefinition(string Name, ImmutableArray<string> Columns, bool Clustered)
{
    public bool Equals(SqlIndexDefinition? other) =>
        other is not null && Name == other.Name && Clustered == other.Clustered && Columns.SequenceEqual(other.Columns);

    public override int GetHashCode() => HashCode.Combine(Name, Clustered);
}
