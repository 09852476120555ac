using System.Globalization;
using System.Text;
using Connector.Catalog;
using Connector.SchemaGeneration;

namespace Connector.Postgres;

/// <summary>
/// deploy.sql for PostgreSQL (<c>bootstrap --provider postgres</c>): one transaction that checks first (server
/// version, Realm path not mapped yet, no generated table already there), then creates the catalog when missing,
/// the generated tables, and records the mapping, the cursor and the deployment. It changes no server setting.
/// Runs in psql (<c>psql -v ON_ERROR_STOP=1 -f deploy.sql</c>) or through <c>--apply</c>.
/// </summary>
public static class PgDeployScript
{
    /// <summary>PostgreSQL 14: numeric holds the infinities (decimal128 has them) since 14.</summary>
    public const int MinimumServerVersion = 140000;

    /// <summary>The advisory lock deployments take in turn: a second Realm path deployed at the same time waits, then finds the catalog.</summary>
    public const long DeployLock = 0x7265616c6d73796e;

    public static string Write(SchemaMapping mapping, string source)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var tables = PgTableWriter.Create(mapping);
        var sql = new StringBuilder();
        sql.Append("-- realm-sqlserver: PostgreSQL deployment of Realm path ").Append(CommentSafe(mapping.RealmPath))
            .Append(" into schema ").Append(CommentSafe(mapping.SqlSchema)).Append(", from ").Append(CommentSafe(source)).Append('\n')
            .Append("-- One transaction: nothing is created unless everything is. Run: psql -v ON_ERROR_STOP=1 -f deploy.sql\n")
            .Append("SET client_encoding = 'UTF8';\n")
            .Append("BEGIN;\n")
            .Append(CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock({DeployLock});\n\n");
        sql.Append(Preflight(mapping)).Append("\n\n");
        sql.Append(PgCatalogSchema.CreateIfMissing()).Append("\n\n");
        foreach (var schema in mapping.Partitioned ? [mapping.SqlSchema, mapping.ScopeSchema] : new[] { mapping.SqlSchema })
        {
            sql.Append(Do($"BEGIN\n    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = {PgLiteral.String(schema)}) THEN\n" +
                $"        CREATE SCHEMA {PgIdentifier.Quote(schema)};\n    END IF;\nEND")).Append("\n\n");
        }

        foreach (var statement in tables)
        {
            sql.Append(statement).Append("\n\n");
        }

        sql.Append(Record(mapping, "bootstrap from " + source, string.Join("\n\n", tables))).Append("COMMIT;\n");
        return sql.ToString();
    }

    /// <summary>
    /// The catalog rows of a new mapping: the Realm path, its classes and properties, its cursor at 0 and the deployment.
    /// A partitioned mapping's row holds its pattern and has no cursor: each Realm path registered under it has its own.
    /// </summary>
    public static string Record(SchemaMapping mapping, string reason, string script)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var sql = new StringBuilder();
        var path = PgLiteral.String(mapping.RealmPath);
        sql.Append("INSERT INTO realmsync.\"MappedRealm\" (\"RealmPath\", \"SqlSchema\", \"MappingMode\") VALUES (")
            .Append(path).Append(", ").Append(PgLiteral.String(mapping.SqlSchema)).Append(mapping.Partitioned ? ", 'partitioned');\n" : ", 'realm-first');\n");
        var realmId = $"(SELECT r.\"RealmId\" FROM realmsync.\"MappedRealm\" AS r WHERE r.\"RealmPath\" = {path})";
        AppendRows(sql, CatalogRows.Growth(null, mapping), realmId);
        if (!mapping.Partitioned)
        {
            sql.Append("INSERT INTO realmsync.\"InboundCursor\" (\"RealmId\", \"Version\") VALUES (").Append(realmId).Append(", 0);\n");
        }

        sql.Append("INSERT INTO realmsync.\"SchemaDeployment\" (\"RealmId\", \"Reason\", \"Script\", \"Mapping\") VALUES (")
            .Append(realmId).Append(", ").Append(PgLiteral.String(reason)).Append(", ").Append(PgLiteral.String(script)).Append(", ")
            .Append(PgLiteral.String(SchemaMappingJson.Write(mapping))).Append(");\n");
        return sql.ToString();
    }

    /// <summary>INSERTs of catalog rows (MappedClass, MappedProperty) for the Realm <paramref name="realmId"/> (an expression).</summary>
    public static void AppendRows(StringBuilder sql, IEnumerable<CatalogRow> rows, string realmId)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            sql.Append("INSERT INTO ").Append(CatalogTable(row.Table)).Append(" (\"RealmId\", ")
                .Append(string.Join(", ", row.Values.Select(v => PgIdentifier.Quote(v.Key)))).Append(") VALUES (").Append(realmId).Append(", ")
                .Append(string.Join(", ", row.Values.Select(v => PgLiteral.Plain(v.Value)))).Append(");\n");
        }
    }

    /// <summary>The PostgreSQL name of a catalog table named as on SQL Server (<c>[realmsync].[MappedClass]</c>).</summary>
    public static string CatalogTable(string sqlServerName)
    {
        ArgumentNullException.ThrowIfNull(sqlServerName);
        var name = sqlServerName[(sqlServerName.LastIndexOf('[') + 1)..^1];
        return "realmsync." + PgIdentifier.Quote(name);
    }

    private static string Preflight(SchemaMapping mapping)
    {
        var tables = string.Join(", ", PgTableWriter.RelationNames(mapping).Select(PgLiteral.String));
        var body = $"""
            BEGIN
                IF current_setting('server_version_num')::int < {MinimumServerVersion} THEN
                    RAISE EXCEPTION 'realm-sqlserver needs PostgreSQL 14 or later; this server is %', current_setting('server_version');
                END IF;
                IF current_setting('server_encoding') <> 'UTF8' THEN
                    RAISE EXCEPTION 'realm-sqlserver needs a UTF8 database (Realm strings are Unicode); this one is %: create the database with ENCODING ''UTF8''', current_setting('server_encoding');
                END IF;
                IF to_regclass('realmsync."MappedRealm"') IS NOT NULL THEN
                    IF EXISTS (SELECT 1 FROM realmsync."MappedRealm" AS r WHERE r."RealmPath" = {PgLiteral.String(mapping.RealmPath)}) THEN
                        RAISE EXCEPTION 'Realm path % is already mapped in realmsync."MappedRealm"; nothing was changed', {PgLiteral.String(mapping.RealmPath)};
                    END IF;
                END IF;
                IF EXISTS (SELECT 1 FROM pg_catalog.pg_class AS c JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
                           WHERE n.nspname = {PgLiteral.String(mapping.SqlSchema)} AND c.relname IN ({tables})) THEN
                    RAISE EXCEPTION 'schema % already holds a table, key or index name this deployment creates; deploy into an empty schema (--sql-schema) or drop them first', {PgLiteral.String(mapping.SqlSchema)};
                END IF;{ScopePreflight(mapping, tables)}
            END
            """;
        return Do(body);
    }

    private static string ScopePreflight(SchemaMapping mapping, string tables) => !mapping.Partitioned ? string.Empty : $"""

                IF EXISTS (SELECT 1 FROM pg_catalog.pg_class AS c JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
                           WHERE n.nspname = {PgLiteral.String(mapping.ScopeSchema)} AND c.relname IN ({tables})) THEN
                    RAISE EXCEPTION 'schema % (the per-Realm views of a partitioned mapping) already holds a name this deployment creates; drop them first or deploy into another schema (--sql-schema)', {PgLiteral.String(mapping.ScopeSchema)};
                END IF;
""";

    /// <summary>A DO block around <paramref name="body"/>, its dollar-quote tag one the body does not contain.</summary>
    public static string Do(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var tag = "$realmsync$";
        for (var n = 1; body.Contains(tag, StringComparison.Ordinal); n++)
        {
            tag = string.Create(CultureInfo.InvariantCulture, $"$realmsync{n}$");
        }

        return "DO " + tag + "\n" + body + "\n" + tag + ";";
    }

    private static string CommentSafe(string text) => text.ReplaceLineEndings(" ");
}
