using System.Collections.Immutable;
using Connector.Adapter;
using Connector.Catalog;
using Connector.SchemaGeneration;

namespace Connector.ChangeTracking;

/// <summary>
/// The pure part of SQL-first registration (DESIGN.md section 6), on either database: the configured tables, their
/// metadata and the mapping already in force for the Realm path become the next mapping, its catalog rows and the
/// ADD_TYPEs for Realm. Every table not mapped is reported with the reason; none is skipped silently. The catalog
/// keeps one SQL schema per Realm path, so tables of another schema than the path's are refused.
/// </summary>
public static class SqlFirstTables
{
    public const string MappingMode = "sql-first";

    /// <param name="dialect">How the database names and maps tables (<see cref="SqlFirstDialect"/>).</param>
    /// <param name="requested">The configured tables (<c>SqlFirst.Tables</c>), as written.</param>
    /// <param name="metadata">The metadata of every table of the requested schemas.</param>
    /// <param name="previous">The mapping in force for the Realm path, or null when it is not mapped yet.</param>
    /// <param name="previousMode">The path's MappingMode when it is mapped: a 'realm-first' path takes no SQL-first tables.</param>
    /// <param name="captureProblem">Why the connector could not read a mappable table's changes (by the requested name and the
    /// table found), with the fix; null when it can. Checked after the key, which change capture needs too.</param>
    public static SqlFirstPlan Plan(
        SqlFirstDialect dialect, string realmPath, IReadOnlyList<(string Schema, string Table)> requested, IReadOnlyList<TableMetadata> metadata,
        SchemaMapping? previous = null, string? previousMode = null, Func<(string Schema, string Table), TableMetadata, string?>? captureProblem = null)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(requested);
        ArgumentNullException.ThrowIfNull(metadata);
        var schema = previous?.SqlSchema ?? requested.Select(r => Find(metadata, r)?.Schema ?? r.Schema).FirstOrDefault() ?? "dbo";
        var classes = previous?.Classes.ToBuilder() ?? ImmutableArray.CreateBuilder<ClassMapping>();
        var tables = previous?.Tables.ToBuilder() ?? ImmutableArray.CreateBuilder<SqlTableDefinition>();
        var addTypes = ImmutableArray.CreateBuilder<AddTypeInstruction>();
        var refusals = ImmutableArray.CreateBuilder<SqlFirstRefusal>();
        var already = ImmutableArray.CreateBuilder<string>();
        var skipped = ImmutableArray.CreateBuilder<string>();
        foreach (var wanted in requested)
        {
            var name = dialect.Name(wanted.Schema, wanted.Table);
            if (previousMode is not null && previousMode != MappingMode)
            {
                refusals.Add(new(name, $"Realm path '{realmPath}' is mapped '{previousMode}'; SQL-first tables need a path of their own: set SqlFirst.RealmPath to another path"));
                continue;
            }

            if (Find(metadata, wanted) is not { } table)
            {
                refusals.Add(new(name, $"table {name} does not exist, or the connector's login cannot see it; check the name in SqlFirst.Tables and the login's permissions"));
                continue;
            }

            name = dialect.Name(table.Schema, table.Name);
            if (!string.Equals(table.Schema, schema, StringComparison.Ordinal))
            {
                refusals.Add(new(name, $"Realm path '{realmPath}' maps tables of schema {dialect.Quote(schema)} (the catalog keeps one schema per Realm path); list only tables of {dialect.Quote(schema)} in SqlFirst.Tables"));
                continue;
            }

            if (tables.Any(t => string.Equals(t.Name, table.Name, StringComparison.OrdinalIgnoreCase)) ||
                classes.Any(c => string.Equals(c.Class.Name, table.Name, StringComparison.Ordinal)))
            {
                already.Add(name);
                continue;
            }

            // A table Realm cannot key is refused for that first: change capture needs the key too. Mapped while its
            // changes cannot be read, the table would stop every capture of the path; the DBA owns the table.
            var result = dialect.Map(table);
            skipped.AddRange(result.Skipped);
            if ((result.Mapped ? captureProblem?.Invoke(wanted, table) : result.Refusal) is { } refusal)
            {
                refusals.Add(new(name, refusal));
                continue;
            }

            classes.Add(result.Mapping!);
            tables.Add(result.Table!);
            addTypes.Add(result.AddType!);
        }

        var mapping = new SchemaMapping(realmPath, schema, classes.ToImmutable(), tables.ToImmutable());
        return new SqlFirstPlan(
            mapping, [.. CatalogRows.Growth(previous, mapping)], addTypes.ToImmutable(), refusals.ToImmutable(), already.ToImmutable(), skipped.ToImmutable());
    }

    // Both databases fold or compare names without case under their usual settings; the metadata holds the real spelling.
    private static TableMetadata? Find(IReadOnlyList<TableMetadata> metadata, (string Schema, string Table) wanted) =>
        metadata.FirstOrDefault(t => t.Schema == wanted.Schema && t.Name == wanted.Table) ??
        metadata.FirstOrDefault(t => string.Equals(t.Schema, wanted.Schema, StringComparison.OrdinalIgnoreCase) && string.Equals(t.Name, wanted.Table, StringComparison.OrdinalIgnoreCase));
}
