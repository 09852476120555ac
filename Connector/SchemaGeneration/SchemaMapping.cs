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

    /// <summary>
    /// The Realm path pattern of a partitioned mapping (<see cref="Partitioning.RealmPathPattern"/>), null for a mapping of
    /// one Realm path. Partitioned, <see cref="RealmPath"/> holds the pattern too (the catalog row of the mapping), every
    /// generated table leads its key with <see cref="SchemaMapper.RealmColumn"/>, and the applier writes through the
    /// views of <see cref="ScopeSchema"/>, which show one Realm's rows. The columns and keys of <see cref="Tables"/> are
    /// those the applier and the converters see, without the partition column; the DDL writers add it.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? PathPattern { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool Partitioned => PathPattern is not null;

    /// <summary>The schema of the views through which the applier sees one Realm's rows of a partitioned mapping.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string ScopeSchema => SqlSchema + SchemaMapper.ScopeSchemaSuffix;

    /// <summary>
    /// The mapping as one Realm of a partitioned mapping sees it: its own path (outbound transactions name it), and every
    /// table in <see cref="ScopeSchema"/>, whose views show only that Realm's rows. The same mapping when not partitioned.
    /// </summary>
    public SchemaMapping ForRealm(string realmPath) => !Partitioned || Scoped ? this : this with
    {
        RealmPath = realmPath,
        SqlSchema = ScopeSchema,
        Tables = [.. Tables.Select(t => t with { Schema = ScopeSchema })],
        Scoped = true,
    };

    /// <summary>
    /// A mapping planned on one Realm's view (<see cref="ForRealm"/>, then grown by its schema instructions) as the
    /// partitioned mapping <paramref name="partitioned"/> it belongs to: its path, its schema, its tables' schema.
    /// </summary>
    public SchemaMapping AsPartitionOf(SchemaMapping partitioned)
    {
        ArgumentNullException.ThrowIfNull(partitioned);
        return this with
        {
            RealmPath = partitioned.RealmPath,
            SqlSchema = partitioned.SqlSchema,
            Tables = [.. Tables.Select(t => t with { Schema = partitioned.SqlSchema })],
            PathPattern = partitioned.PathPattern,
            Scoped = false,
        };
    }

    /// <summary>Whether this is a partitioned mapping as one Realm sees it (<see cref="ForRealm"/>): for DML only, never DDL.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Scoped { get; private init; }

    public bool Equals(SchemaMapping? other) =>
        other is not null && RealmPath == other.RealmPath && SqlSchema == other.SqlSchema && Provider == other.Provider && PathPattern == other.PathPattern && Scoped == other.Scoped &&
        Classes.SequenceEqual(other.Classes) && Tables.SequenceEqual(other.Tables);

    public override int GetHashCode() => HashCode.Combine(RealmPath, SqlSchema);
}
