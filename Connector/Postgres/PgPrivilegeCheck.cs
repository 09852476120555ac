using Connector.Catalog;
using Connector.Operations;
using Npgsql;

namespace Connector.Postgres;

/// <summary>
/// <c>doctor</c>'s checks of what <c>scripts/postgres-setup.sql</c> grants the connector's role, one line each, naming
/// what is missing and the statement that grants it: the role's attributes (REPLICATION needed, SUPERUSER, CREATEDB and
/// CREATEROLE more than needed), CONNECT and CREATE on the database, USAGE and CREATE on realmsync and on each data
/// schema, the DML on the catalog tables, and ownership (or at least the DML) of each mapped table.
/// </summary>
public static class PgPrivilegeCheck
{
    public const string SetupScript = "scripts/postgres-setup.sql";

    private static readonly string[] Dml = ["SELECT", "INSERT", "UPDATE", "DELETE"];

    /// <summary>The DML privileges the current role lacks on the table whose oid <paramref name="table"/> (an SQL expression) gives.</summary>
    private static string MissingDmlSql(string table) =>
        "array_remove(ARRAY[" + string.Join(", ", Dml.Select(p => $"CASE WHEN pg_catalog.has_table_privilege({table}, '{p}') THEN NULL ELSE '{p}' END")) + "], NULL)";

    /// <summary>The role's attributes, REPLICATION, and CONNECT and CREATE on the database.</summary>
    public static async Task<IReadOnlyList<CheckResult>> RoleAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand(
            """
            SELECT r.rolname, current_database(), r.rolsuper, r.rolreplication, r.rolcreatedb, r.rolcreaterole,
                   pg_catalog.has_database_privilege(current_database(), 'CONNECT'), pg_catalog.has_database_privilege(current_database(), 'CREATE'),
                   EXISTS (SELECT 1 FROM pg_catalog.pg_publication AS p WHERE p.pubname LIKE 'realmsync\_%')
            FROM pg_catalog.pg_roles AS r WHERE r.rolname = current_user;
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var role = new RoleFacts(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4), reader.GetBoolean(5));
        var (connect, create, captured) = (reader.GetBoolean(6), reader.GetBoolean(7), reader.GetBoolean(8));
        var extra = new[] { (role.Super, "SUPERUSER"), (role.CreateDb, "CREATEDB"), (role.CreateRole, "CREATEROLE") }.Where(a => a.Item1).Select(a => a.Item2).ToList();
        return
        [
            role.Super
                ? CheckResult.Warn("role", $"{role.Name} is a superuser: more than needed, and no grant restricts it.", $"run the connector as a role of its own ({SetupScript} creates one).")
                : extra.Count > 0
                    ? CheckResult.Warn("role", $"{role.Name} has {string.Join(" and ", extra)}: more than needed.", $"ALTER ROLE {role.Quoted} NO{string.Join(" NO", extra)};")
                    : CheckResult.Pass("role", $"{role.Name} is no superuser and has no CREATEDB or CREATEROLE."),
            Replication(role, create, captured),
            connect
                ? CheckResult.Pass("database", $"{role.Name} has CONNECT on {role.Database}.")
                : CheckResult.Fail("database", $"role {role.Name} lacks CONNECT on database {role.Database} (new connections are refused).",
                    $"GRANT CONNECT ON DATABASE {PgIdentifier.Quote(role.Database)} TO {role.Quoted};"),
        ];
    }

    /// <summary>
    /// Change capture needs REPLICATION (slots, the replication connection) and CREATE on the database (CREATE PUBLICATION):
    /// a failure once install has set it up (<paramref name="captured"/>), a warning before (Realm to PostgreSQL works without them).
    /// </summary>
    private static CheckResult Replication(RoleFacts role, bool create, bool captured)
    {
        var needed = new List<(string Problem, string Fix)>();
        if (!role.Replication && !role.Super)
        {
            needed.Add(($"role {role.Name} has no REPLICATION attribute (change capture creates, reads and advances replication slots).",
                $"ALTER ROLE {role.Quoted} REPLICATION; as a superuser, and a pg_hba.conf line 'host replication {role.Name} <address> scram-sha-256'."));
        }

        if (!create)
        {
            needed.Add(($"role {role.Name} lacks CREATE on database {role.Database} (install creates a publication per Realm path).",
                $"GRANT CREATE ON DATABASE {PgIdentifier.Quote(role.Database)} TO {role.Quoted};"));
        }

        var problems = string.Join(" ", needed.Select(n => n.Problem));
        var fixes = string.Join(" ", needed.Select(n => n.Fix));
        return needed.Count == 0
            ? CheckResult.Pass("replication", $"{role.Name} may replicate and create publications in {role.Database}.")
            : captured
                ? CheckResult.Fail("replication", problems + " install has set up change capture.", fixes)
                : CheckResult.Warn("replication", problems + " Needed for PostgreSQL to Realm (install); Realm to PostgreSQL works without it.", fixes);
    }

    /// <summary>USAGE and CREATE on each schema that exists among <paramref name="schemas"/>: the connector reads and creates tables there.</summary>
    public static async Task<IReadOnlyList<CheckResult>> SchemasAsync(NpgsqlConnection connection, IReadOnlyList<string> schemas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schemas);
        await using var command = new NpgsqlCommand(
            """
            SELECT n.nspname, current_user, pg_catalog.has_schema_privilege(n.oid, 'USAGE'), pg_catalog.has_schema_privilege(n.oid, 'CREATE')
            FROM unnest($1::text[]) WITH ORDINALITY AS s(name, position)
            JOIN pg_catalog.pg_namespace AS n ON n.nspname = s.name
            ORDER BY s.position;
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = schemas.Distinct(StringComparer.Ordinal).ToArray() });
        var results = new List<CheckResult>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (schema, role) = (reader.GetString(0), reader.GetString(1));
            var missing = new[] { (reader.GetBoolean(2), "USAGE"), (reader.GetBoolean(3), "CREATE") }.Where(p => !p.Item1).Select(p => p.Item2).ToList();
            var use = schema == CatalogSchema.SchemaName ? "the catalog" : "generated tables; schema growth creates tables";
            results.Add(missing.Count == 0
                ? CheckResult.Pass($"schema {schema}", $"{role} has USAGE and CREATE ({use}).")
                : CheckResult.Fail($"schema {schema}", $"role {role} lacks {string.Join(" and ", missing)} on schema {schema} ({use}).",
                    $"GRANT {string.Join(", ", missing)} ON SCHEMA {PgIdentifier.Quote(schema)} TO {PgIdentifier.Quote(role)};"));
        }

        return results;
    }

    /// <summary>SELECT, INSERT, UPDATE and DELETE on every table of schema realmsync.</summary>
    public static async Task<CheckResult> CatalogTablesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            SELECT c.relname, {MissingDmlSql("c.oid")}, current_user
            FROM pg_catalog.pg_class AS c JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
            WHERE n.nspname = '{CatalogSchema.SchemaName}' AND c.relkind IN ('r', 'p')
            ORDER BY c.relname;
            """, connection);
        var (lacking, role, count) = (new List<string>(), "", 0);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                count++;
                role = reader.GetString(2);
                var missing = reader.GetFieldValue<string[]>(1);
                if (missing.Length > 0)
                {
                    lacking.Add($"{reader.GetString(0)} ({string.Join(", ", missing)})");
                }
            }
        }

        return lacking.Count == 0
            ? CheckResult.Pass("catalog tables", $"SELECT, INSERT, UPDATE and DELETE on all {count} table(s) of schema realmsync.")
            : CheckResult.Fail("catalog tables", $"role {role} lacks on realmsync: {string.Join(", ", lacking)}.",
                $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA realmsync TO {PgIdentifier.Quote(role)};");
    }

    /// <summary>
    /// Every generated table of the path exists and is the role's: ADD_TYPE/ADD_PROPERTIES alter them, and publications need
    /// their owner. A table of another owner is a warning when the role has the DML on it, a failure otherwise.
    /// </summary>
    public static async Task<CheckResult> MappedTablesAsync(NpgsqlConnection connection, MappedRealm realm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(realm);
        var name = $"tables of '{realm.RealmPath}'";
        var mapping = await PgCatalogStore.LoadMappingAsync(connection, realm.RealmId, cancellationToken);
        if (mapping is null)
        {
            return CheckResult.Fail(name, "no schema deployment is recorded.", "deploy the path's schema again with bootstrap --provider postgres.");
        }

        await using var command = new NpgsqlCommand(
            $"""
            SELECT t.name, c.oid IS NULL, pg_catalog.pg_get_userbyid(c.relowner) = current_user, CASE WHEN c.oid IS NULL THEN NULL ELSE {MissingDmlSql("c.oid")} END, current_user
            FROM unnest($2::text[]) AS t(name)
            LEFT JOIN pg_catalog.pg_class AS c ON c.relname = t.name AND c.relnamespace = (SELECT n.oid FROM pg_catalog.pg_namespace AS n WHERE n.nspname = $1);
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = mapping.SqlSchema });
        command.Parameters.Add(new NpgsqlParameter { Value = mapping.Tables.Select(t => t.Name).ToArray() });
        var (missing, foreign, lacking, role) = (new List<string>(), new List<string>(), new List<string>(), "");
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                role = reader.GetString(4);
                var table = reader.GetString(0);
                if (reader.GetBoolean(1))
                {
                    missing.Add(table);
                }
                else if (!reader.GetBoolean(2))
                {
                    foreign.Add(table);
                    var privileges = reader.GetFieldValue<string[]>(3);
                    if (privileges.Length > 0)
                    {
                        lacking.Add($"{table} ({string.Join(", ", privileges)})");
                    }
                }
            }
        }

        return Verdict(name, mapping, role, (missing, foreign, lacking));
    }

    /// <summary>Missing tables fail; another owner's tables fail without the DML and warn with it (growth and publications need the owner).</summary>
    private static CheckResult Verdict(string name, SchemaGeneration.SchemaMapping mapping, string role, (List<string> Missing, List<string> Foreign, List<string> Lacking) tables)
    {
        var (missing, foreign, lacking) = tables;
        if (missing.Count > 0)
        {
            return CheckResult.Fail(name, $"missing in schema {mapping.SqlSchema}: {string.Join(", ", missing)}.", "restore them, or deploy the path again into an empty schema.");
        }

        var handOver = foreign.Count == 0 ? "" :
            $"as a superuser, run {SetupScript} again (it hands every mapped table to {PgIdentifier.Quote(role)}), or ALTER TABLE {PgIdentifier.Quote(mapping.SqlSchema, foreign[0])} OWNER TO {PgIdentifier.Quote(role)};" +
            (foreign.Count > 1 ? " and so on for each." : "");
        return lacking.Count > 0
            ? CheckResult.Fail(name, $"role {role} neither owns nor may write these tables of schema {mapping.SqlSchema}: {string.Join(", ", lacking)}.", handOver)
            : foreign.Count > 0
                ? CheckResult.Warn(name, $"not owned by the connector's role: {string.Join(", ", foreign)}.", "schema growth alters tables and publications need their owner: " + handOver)
                : CheckResult.Pass(name, $"{mapping.Tables.Length} table(s) in schema {mapping.SqlSchema}, owned by the connector's role.");
    }

    private sealed record RoleFacts(string Name, string Database, bool Super, bool Replication, bool CreateDb, bool CreateRole)
    {
        public string Quoted => PgIdentifier.Quote(Name);
    }
}
