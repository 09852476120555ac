using System.Collections.Immutable;

namespace Connector.SchemaGeneration;

/// <summary>The SQL side of one Realm schema for one Realm path: what the catalog records.</summary>
public sealed record SchemaMapping(
    string RealmPath,
    string SqlSchema,
    ImmutableArray<ClassMapping> Classes,
    ImmutableArray<SqlTableDefinition> Tables)
{
    public bool Equals(SchemaMapping? other) =>
        other is not null && RealmPath == other.RealmPath && SqlSchema == other.SqlSchema &&
        Classes.SequenceEqual(other.Classes) && Tables.SequenceEqual(other.Tables);

    public override int GetHashCode() => HashCode.Combine(RealmPath, SqlSchema);
}
