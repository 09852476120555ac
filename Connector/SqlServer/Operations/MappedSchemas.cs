namespace Connector.SqlServer.Operations;

/// <summary>
/// What the connector's login reads or writes: <see cref="Written"/> schemas (the configured data schema and the schema
/// of every realm-first path and partitioned mapping: the applier writes there and, with <c>Schema:ApplyMode = auto</c>,
/// creates and alters tables, so the grants are schema-level), <see cref="Scopes"/>, the schemas of the per-Realm views
/// of the partitioned mappings, and <see cref="SqlFirstTables"/>, the tables of SQL-first paths, which the poller only
/// reads and which are granted one by one: a schema-level grant would reach the schema's other tables too (a SQL-first
/// table in <c>dbo</c> would open all of <c>dbo</c>).
/// </summary>
public sealed record MappedSchemas(IReadOnlyList<string> Written, IReadOnlyList<SqlFirstTable> SqlFirstTables)
{
    /// <summary>
    /// The <see cref="SchemaGeneration.SchemaMapping.ScopeSchema"/> (<c>&lt;schema&gt;_realm</c>) of every partitioned
    /// mapping: the applier's procedures write through its views, and, with <c>auto</c>, schema growth creates and alters them.
    /// </summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>The mapping mode of <c>realmsync.MappedRealm</c> for tables generated from a Realm schema.</summary>
    public const string RealmFirst = "realm-first";

    /// <summary>The mapping mode of <c>realmsync.MappedRealm</c> for existing tables mapped into the catalog.</summary>
    public const string SqlFirst = "sql-first";

    /// <summary>The mapping mode of a partitioned mapping's own row (its RealmPath is the pattern; catalog version 2).</summary>
    public const string Partitioned = "partitioned";

    /// <summary>Only the configured data schema: before anything is mapped, or when the catalog cannot be read.</summary>
    public static MappedSchemas Of(string dataSchema) => From(dataSchema, [], []);

    /// <param name="dataSchema">RealmSqlServer:SqlServer:Schema.</param>
    /// <param name="catalog">Each <c>(SqlSchema, MappingMode, SqlTable)</c> of <c>realmsync.MappedRealm</c>, with the
    /// <c>SqlTable</c> of each <c>realmsync.MappedClass</c> of a SQL-first path (null for realm-first paths and
    /// partitioned mappings).</param>
    /// <param name="configured">RealmSqlServer:SqlFirst:Tables, mapped or about to be.</param>
    public static MappedSchemas From(string dataSchema, IEnumerable<(string Schema, string Mode, string? Table)> catalog, IEnumerable<(string Schema, string Table)> configured)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(configured);
        var mapped = catalog.ToList();
        // Names compare as the database's collation does; case-insensitive is the usual one.
        var comparer = StringComparer.OrdinalIgnoreCase;
        var written = new[] { dataSchema }
            .Concat(mapped.Where(m => m.Mode is RealmFirst or Partitioned).Select(m => m.Schema).Order(StringComparer.Ordinal))
            .Distinct(comparer).ToList();
        var scopes = mapped.Where(m => m.Mode == Partitioned).Select(m => m.Schema + SchemaGeneration.SchemaMapper.ScopeSchemaSuffix)
            .Order(StringComparer.Ordinal).Distinct(comparer).ToList();
        var inCatalog = mapped.Where(m => m.Mode == SqlFirst && m.Table is not null).Select(m => new SqlFirstTable(m.Schema, m.Table!, true));
        var notYet = configured.Select(c => new SqlFirstTable(c.Schema, c.Table, false));
        var tables = inCatalog.Concat(notYet)
            .DistinctBy(t => (t.Schema.ToUpperInvariant(), t.Table.ToUpperInvariant()))
            .OrderBy(t => t.Schema, StringComparer.Ordinal).ThenBy(t => t.Table, StringComparer.Ordinal).ToList();
        return new MappedSchemas(written, tables) { Scopes = scopes };
    }
}

/// <summary>A table of a SQL-first path: in the catalog (<paramref name="Mapped"/>), or in SqlFirst.Tables only, not mapped yet.</summary>
public sealed record SqlFirstTable(string Schema, string Table, bool Mapped)
{
    /// <summary>The quoted two-part name, as HAS_PERMS_BY_NAME and GRANT ... ON OBJECT:: take it.</summary>
    public string Name => Sql.SqlIdentifier.Quote(Schema, Table);
}
