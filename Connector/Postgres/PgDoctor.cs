using Connector.Configuration;
using Connector.Operations;
using Npgsql;

namespace Connector.Postgres;

/// <summary>
/// <c>doctor</c> with <c>Database.Provider = postgres</c>: the journal, the connection, the server (version, encoding),
/// the catalog, each mapped path's tables and their owner (schema growth alters them), and what change capture needs
/// (warnings until PostgreSQL to Realm is built). One line per check, as on SQL Server.
/// </summary>
public static class PgDoctor
{
    public static async Task<int> RunAsync(ConnectorOptions options, string configurationFile, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var results = new List<CheckResult>
        {
            CheckResult.Pass("configuration", $"{configurationFile} is valid (Database.Provider postgres)."),
            JournalAccessCheck.Check(options.Realm.JournalPath),
        };
        var target = PostgresOptionsValidator.Masked(options.Postgres.ConnectionString);
        var unavailable = false;
        try
        {
            await using var connections = PgConnectionFactory.For(options.Postgres);
            await using var connection = await connections.OpenAsync(cancellationToken);
            results.Add(CheckResult.Pass("connection", $"connected to {target} as role {connection.UserName}."));
            results.AddRange(await ServerChecksAsync(connection, cancellationToken));
        }
        catch (NpgsqlException e)
        {
            results.Add(CheckResult.Fail("connection", $"cannot use {target}: {e.Message}", "check Postgres.ConnectionString, the server and pg_hba.conf; the other checks need a connection."));
            unavailable = true;
        }

        foreach (var result in results)
        {
            await output.WriteLineAsync(result.Line());
        }

        return unavailable ? ExitCodes.SqlUnavailable : results.Any(r => r.Failed) ? ExitCodes.NotReady : ExitCodes.Success;
    }

    private static async Task<List<CheckResult>> ServerChecksAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var results = new List<CheckResult>();
        var version = connection.PostgreSqlVersion;
        results.Add(version.Major * 10000 >= PgDeployScript.MinimumServerVersion
            ? CheckResult.Pass("server", $"PostgreSQL {connection.ServerVersion}.")
            : CheckResult.Fail("server", $"PostgreSQL {connection.ServerVersion} is older than 14.", "upgrade the server: decimal128 infinities need numeric infinities (PostgreSQL 14)."));
        var encoding = await ScalarAsync<string>(connection, "SELECT current_setting('server_encoding');", cancellationToken);
        results.Add(encoding == "UTF8"
            ? CheckResult.Pass("encoding", "the database is UTF8.")
            : CheckResult.Fail("encoding", $"the database is {encoding}.", "create the database with ENCODING 'UTF8' and deploy into it."));
        if (await ScalarAsync<object>(connection, """SELECT to_regclass('realmsync."CatalogVersion"') IS NOT NULL;""", cancellationToken) is not true)
        {
            results.Add(CheckResult.Fail("catalog", "schema realmsync holds no catalog.", "run 'realm-sqlserver bootstrap --provider postgres --realm-schema FILE --out DIR --apply' (or its deploy.sql with psql)."));
            return results;
        }

        var realms = await PgCatalogStore.ListRealmsAsync(connection, cancellationToken);
        results.Add(CheckResult.Pass("catalog", $"catalog version {PgCatalogSchema.Version}, {realms.Count} Realm path(s) mapped."));
        foreach (var realm in realms)
        {
            results.Add(await TablesCheckAsync(connection, realm, cancellationToken));
        }

        var capture = await PgInstall.ProblemsAsync(connection, cancellationToken);
        results.Add(capture.Count == 0
            ? CheckResult.Pass("capture", "wal_level is logical, the role may replicate, and a replication slot is free.")
            : CheckResult.Warn("capture", string.Join(" ", capture), "needed only for PostgreSQL to Realm (install); Realm to PostgreSQL works without it."));
        return results;
    }

    /// <summary>Every generated table of the path exists and is the connector's role's: ADD_TYPE/ADD_PROPERTIES alter them.</summary>
    private static async Task<CheckResult> TablesCheckAsync(NpgsqlConnection connection, Catalog.MappedRealm realm, CancellationToken cancellationToken)
    {
        var name = $"tables of '{realm.RealmPath}'";
        var mapping = await PgCatalogStore.LoadMappingAsync(connection, realm.RealmId, cancellationToken);
        if (mapping is null)
        {
            return CheckResult.Fail(name, "no schema deployment is recorded.", "deploy the path's schema again with bootstrap --provider postgres.");
        }

        await using var command = new NpgsqlCommand(
            """
            SELECT t.name, c.relname IS NULL, pg_catalog.pg_get_userbyid(c.relowner) = current_user
            FROM unnest($2::text[]) AS t(name)
            LEFT JOIN pg_catalog.pg_class AS c ON c.relname = t.name AND c.relnamespace = (SELECT n.oid FROM pg_catalog.pg_namespace AS n WHERE n.nspname = $1);
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = mapping.SqlSchema });
        command.Parameters.Add(new NpgsqlParameter { Value = mapping.Tables.Select(t => t.Name).ToArray() });
        var missing = new List<string>();
        var foreign = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                (reader.GetBoolean(1) ? missing : reader.GetBoolean(2) ? null : foreign)?.Add(reader.GetString(0));
            }
        }

        return missing.Count > 0
            ? CheckResult.Fail(name, $"missing in schema {mapping.SqlSchema}: {string.Join(", ", missing)}.", "restore them, or deploy the path again into an empty schema.")
            : foreign.Count > 0
                ? CheckResult.Warn(name, $"not owned by the connector's role: {string.Join(", ", foreign)}.", "schema growth alters tables: run the connector as their owner (ALTER TABLE ... OWNER TO).")
                : CheckResult.Pass(name, $"{mapping.Tables.Length} table(s) in schema {mapping.SqlSchema}, owned by the connector's role.");
    }

    private static async Task<T?> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T?)await command.ExecuteScalarAsync(cancellationToken);
    }
}
