using System.Collections.Immutable;

namespace Connector.SchemaGeneration;

/// <summary>The SQL side of one Realm schema for one Realm path: what the catalog records.</summary>
public sealed record SchemaMapping(
    string RealmPath,
    string SqlSchema,
    ImmutableArray<ClassMapping> Classes,
    ImmutableArray<SqlTableDefinition> Tables)
{
    /// <summary>
    /// The database the names were chosen for (<see cref="NameLimit"/>): a PostgreSQL mapping keeps names within
    /// 63 bytes. Left out of the stored JSON for SQL Server, so that its mappings read as before.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public Configuration.DatabaseProvider Provider { get; init; }

    public bool Equals(SchemaMapping? other) =>
        other is not null && RealmPath == other.RealmPath && SqlSchema == other.SqlSchema && Provider == other.Provider &&
        Classes.SequenceEqual(other.Classes) && Tables.SequenceEqual(other.Tables);

    public override int GetHashCode() => HashCode.Combine(RealmPath, SqlSchema);
}
