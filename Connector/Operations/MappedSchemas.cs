namespace Connector.Operations;

/// <summary>
/// The SQL schemas whose tables the connector reads or writes: <see cref="Written"/> (the configured data schema
/// and every realm-first Realm path's schema: the applier writes there and, with <c>Schema:ApplyMode = auto</c>,
/// creates and alters tables) and <see cref="ReadOnly"/> (SQL-first schemas, which the poller only reads: the
/// connector never writes or alters a SQL-first table). A schema that is both is written.
/// </summary>
public sealed record MappedSchemas(IReadOnlyList<string> Written, IReadOnlyList<string> ReadOnly)
{
    /// <summary>The mapping mode of <c>realmsync.MappedRealm</c> for tables generated from a Realm schema.</summary>
    public const string RealmFirst = "realm-first";

    /// <summary>Only the configured data schema: before anything is mapped, or when the catalog cannot be read.</summary>
    public static MappedSchemas Of(string dataSchema) => From(dataSchema, [], []);

    /// <param name="dataSchema">RealmSqlServer:SqlServer:Schema.</param>
    /// <param name="catalog">Each <c>(SqlSchema, MappingMode)</c> of <c>realmsync.MappedRealm</c>.</param>
    /// <param name="sqlFirstSchemas">The schemas of RealmSqlServer:SqlFirst:Tables, mapped or about to be.</param>
    public static MappedSchemas From(string dataSchema, IEnumerable<(string Schema, string Mode)> catalog, IEnumerable<string> sqlFirstSchemas)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(sqlFirstSchemas);
        var mapped = catalog.ToList();
        // Schema names compare as the database's collation does; case-insensitive is the usual one.
        var comparer = StringComparer.OrdinalIgnoreCase;
        var written = new[] { dataSchema }
            .Concat(mapped.Where(m => m.Mode == RealmFirst).Select(m => m.Schema).Order(StringComparer.Ordinal))
            .Distinct(comparer).ToList();
        var read = mapped.Where(m => m.Mode != RealmFirst).Select(m => m.Schema).Concat(sqlFirstSchemas)
            .Where(s => !written.Contains(s, comparer)).Distinct(comparer).Order(StringComparer.Ordinal).ToList();
        return new MappedSchemas(written, read);
    }

    /// <summary>Every schema, written ones first.</summary>
    public IEnumerable<string> All => Written.Concat(ReadOnly);
}
