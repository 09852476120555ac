using Connector.Catalog;
using Connector.Configuration;
using Connector.Operations;
using Npgsql;

namespace Connector.Postgres;

/// <summary>
/// <c>doctor</c> with <c>Database.Provider = postgres</c>: the journal, the connection, the server (version, encoding),
/// the role's privileges (<see cref="PgPrivilegeCheck"/>: what scripts/postgres-setup.sql grants), the catalog, each
/// mapped path's tables and their owner (schema growth alters them), and what change capture needs. One line per
/// check, as on SQL Server.
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
            try
            {
                await ServerChecksAsync(connection, options.Postgres.Schema, results, cancellationToken);
            }
            catch (PostgresException e)
            {
                // A privilege the lines above name as missing can stop a later check: the checks end, the connection was fine.
                results.Add(CheckResult.Fail("checks", $"stopped by the server: {e.MessageText}.", $"grant what the lines above name ({PgPrivilegeCheck.SetupScript} grants it all), then run doctor again."));
            }
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

    private static async Task ServerChecksAsync(NpgsqlConnection connection, string dataSchema, List<CheckResult> results, CancellationToken cancellationToken)
    {
        var version = connection.PostgreSqlVersion;
        results.Add(version.Major * 10000 >= PgDeployScript.MinimumServerVersion
            ? CheckResult.Pass("server", $"PostgreSQL {connection.ServerVersion}.")
            : CheckResult.Fail("server", $"PostgreSQL {connection.ServerVersion} is older than 14.", "upgrade the server: decimal128 infinities need numeric infinities (PostgreSQL 14)."));
        var encoding = await ScalarAsync<string>(connection, "SELECT current_setting('server_encoding');", cancellationToken);
        results.Add(encoding == "UTF8"
            ? CheckResult.Pass("encoding", "the database is UTF8.")
            : CheckResult.Fail("encoding", $"the database is {encoding}.", "create the database with ENCODING 'UTF8' and deploy into it."));
        results.AddRange(await PgPrivilegeCheck.RoleAsync(connection, cancellationToken));
        if (await ScalarAsync<object>(connection, "SELECT NOT pg_catalog.has_schema_privilege(n.oid, 'USAGE') FROM pg_catalog.pg_namespace AS n WHERE n.nspname = 'realmsync';", cancellationToken) is true)
        {
            // Without USAGE the catalog cannot even be looked up (to_regclass raises).
            results.AddRange(await PgPrivilegeCheck.SchemasAsync(connection, [CatalogSchema.SchemaName, dataSchema], cancellationToken));
            results.Add(CheckResult.Fail("catalog", "the role cannot read schema realmsync, so the catalog was not checked.", "grant USAGE on schema realmsync (see above), then run doctor again."));
            return;
        }

        var deployed = await ScalarAsync<object>(connection, """SELECT to_regclass('realmsync."CatalogVersion"') IS NOT NULL;""", cancellationToken) is true;
        IReadOnlyList<MappedRealm> realms = deployed ? await PgCatalogStore.ListRealmsAsync(connection, cancellationToken) : [];
        // The mapped schemas; before any mapping, the one bootstrap deploys into by default.
        results.AddRange(await PgPrivilegeCheck.SchemasAsync(
            connection,
            [
                CatalogSchema.SchemaName,
                .. realms.Count == 0 ? new[] { dataSchema } : realms.Select(r => r.SqlSchema).Distinct(StringComparer.Ordinal),
                // A partitioned mapping's per-Realm views: the applier writes through them, and growth makes them again.
                .. realms.Where(r => r.Partitioned).Select(r => r.SqlSchema + SchemaGeneration.SchemaMapper.ScopeSchemaSuffix).Distinct(StringComparer.Ordinal),
            ],
            cancellationToken));
        if (!deployed)
        {
            results.Add(CheckResult.Fail("catalog", "schema realmsync holds no catalog.", "run 'realm-sqlserver bootstrap --provider postgres --realm-schema FILE --out DIR --apply' (or its deploy.sql with psql)."));
            return;
        }

        results.Add(CheckResult.Pass("catalog", $"catalog version {PgCatalogSchema.Version}, {realms.Count} Realm path(s) mapped."));
        results.Add(await PgPrivilegeCheck.CatalogTablesAsync(connection, cancellationToken));
        // A partitioned mapping's paths share its tables: checked once, with the mapping.
        foreach (var realm in realms.Where(r => r.PartitionOf is null))
        {
            results.Add(await PgPrivilegeCheck.MappedTablesAsync(connection, realm, cancellationToken));
        }

        foreach (var partitioned in realms.Where(r => r.Partitioned))
        {
            var (registered, unrouted) = await PgPartitionReport.ReadAsync(connection, partitioned, cancellationToken);
            results.Add(Partitioning.UnroutedRows.Check(partitioned.RealmPath, registered, unrouted, "realmsync.\"MappedRealm\""));
        }

        results.AddRange(await PgSqlFirstPublication.CheckAsync(connection, realms, cancellationToken));

        var capture = await PgInstall.ProblemsAsync(connection, cancellationToken);
        results.Add(capture.Count == 0
            ? CheckResult.Pass("capture", "wal_level is logical, the role may replicate, and a replication slot is free.")
            : CheckResult.Warn("capture", string.Join(" ", capture), "needed only for PostgreSQL to Realm (install); Realm to PostgreSQL works without it."));
    }

    private static async Task<T?> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T?)await command.ExecuteScalarAsync(cancellationToken);
    }
}
