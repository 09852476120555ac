using System.Text;
using System.Text.RegularExpressions;
using Connector.Catalog;
using Connector.SchemaGeneration;
using Connector.SqlServer.Sql;

namespace Connector.SqlServer.Catalog;

/// <summary>
/// The T-SQL that records a schema mapping in the catalog, for scripts a DBA runs (<c>deploy.sql</c>).
/// Values are literals because the script itself is the product; each goes through <see cref="SqlLiteral"/>.
/// </summary>
public static class CatalogRecordWriter
{
    public static string Write(SchemaMapping mapping, ReadOnlySpan<byte> dacpac, string deployedScript, string reason)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var sql = new StringBuilder();
        sql.Append("DECLARE @RealmId int;\n");
        sql.Append("INSERT INTO [realmsync].[CatalogVersion] ([Version]) VALUES (").Append(SqlLiteral.Int(CatalogSchema.Version)).Append(");\n");
        sql.Append("INSERT INTO [realmsync].[MappedRealm] ([RealmPath], [SqlSchema], [MappingMode]) VALUES (")
            .Append(SqlLiteral.String(mapping.RealmPath)).Append(", ").Append(SqlLiteral.String(mapping.SqlSchema))
            .Append(", '").Append(MappingMode(mapping)).Append("');\n"); // One of two constants, varchar as the column.
        sql.Append("SET @RealmId = SCOPE_IDENTITY();\n");
        if (!mapping.Partitioned)
        {
            // A partitioned mapping's row is no Realm of its own: each path that matches registers under it with its cursor.
            sql.Append("INSERT INTO [realmsync].[InboundCursor] ([RealmId], [Version]) VALUES (@RealmId, 0);\n");
        }

        AppendRows(sql, CatalogRows.Growth(null, mapping), "@RealmId");
        AppendInitialWatermarks(sql, null, mapping, "@RealmId");
        AppendDeployment(sql, "@RealmId", mapping, dacpac, deployedScript, reason);
        return sql.ToString();
    }

    /// <summary>realmsync.MappedRealm.MappingMode of a generated mapping: 'partitioned' for a path pattern's row, else 'realm-first'.</summary>
    public static string MappingMode(SchemaMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return mapping.Partitioned ? "partitioned" : "realm-first";
    }

    /// <summary>The realmsync.SchemaDeployment row of a deployment, with <paramref name="realmId"/> (a variable or literal).</summary>
    public static void AppendDeployment(StringBuilder sql, string realmId, SchemaMapping mapping, ReadOnlySpan<byte> dacpac, string deployedScript, string reason)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(mapping);
        sql.Append("INSERT INTO [realmsync].[SchemaDeployment] ([RealmId], [Reason], [Dacpac], [Script], [Mapping]) VALUES (").Append(realmId).Append(", ")
            .Append(SqlLiteral.String(reason)).Append(", ").Append(SqlLiteral.Binary(dacpac)).Append(", ")
            .Append(SqlLiteral.Utf16Text(deployedScript)).Append(", ").Append(SqlLiteral.Utf16Text(SchemaMappingJson.Write(mapping))).Append(");\n");
    }

    /// <summary>Initial watermarks of the tables <paramref name="next"/> adds (the statement the connector runs, with literals).</summary>
    public static void AppendInitialWatermarks(StringBuilder sql, SchemaMapping? previous, SchemaMapping next, string realmId)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(next);
        foreach (var table in CatalogRows.NewTables(previous, next))
        {
            // One pass over the statement: a literal that happens to contain "@SqlTable" is never rescanned.
            sql.Append(Regex.Replace(CatalogStatements.InsertInitialWatermark, "@(RealmId|SqlSchema|SqlTable)\\b", m => m.Value switch
            {
                "@RealmId" => realmId,
                "@SqlSchema" => SqlLiteral.String(next.SqlSchema),
                _ => SqlLiteral.String(table),
            })).Append('\n');
        }
    }

    /// <summary>One INSERT per row, with <paramref name="realmId"/> (a variable or literal) as its RealmId.</summary>
    public static void AppendRows(StringBuilder sql, IEnumerable<CatalogRow> rows, string realmId)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            sql.Append("INSERT INTO ").Append(row.Table).Append(" ([RealmId], ")
                .Append(string.Join(", ", row.Values.Select(v => SqlIdentifier.Quote(v.Key))))
                .Append(") VALUES (").Append(realmId).Append(", ")
                .Append(string.Join(", ", row.Values.Select(v => SqlLiteral.Value(v.Value))))
                .Append(");\n");
        }
    }
}
