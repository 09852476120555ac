using Connector.Configuration;
using Npgsql;

namespace Connector.Postgres;

/// <summary>
/// <c>install</c> with <c>Database.Provider = postgres</c>, first step of change capture (issue 11): checks what logical
/// replication needs (wal_level, the REPLICATION attribute, free replication slots) and says exactly what to change;
/// then maps the <c>SqlFirst.Tables</c> (<see cref="PgSqlFirstInstall"/>); then, for every Realm path the catalog maps,
/// creates its publication and slot when missing (<see cref="PgCapture"/>).
/// The catalog itself is deployed by <c>bootstrap --provider postgres</c>.
/// </summary>
public static class PgInstall
{
    public static Task<int> RunAsync(PostgresOptions options, TextWriter output, CancellationToken cancellationToken) =>
        RunAsync(options, null, output, cancellationToken);

    /// <param name="sqlFirst">With tables, they are mapped for their Realm path first and join its publication (<see cref="PgSqlFirstInstall"/>).</param>
    public static async Task<int> RunAsync(PostgresOptions options, SqlFirstOptions? sqlFirst, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        await using var connections = PgConnectionFactory.For(options);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var problems = await ProblemsAsync(connection, cancellationToken);
        foreach (var problem in problems)
        {
            await output.WriteLineAsync("FAIL " + problem);
        }

        if (problems.Count > 0)
        {
            return ExitCodes.Failure;
        }

        await using (var upgrade = new NpgsqlCommand(PgCatalogSchema.CreateIfMissing(), connection))
        {
            await upgrade.ExecuteNonQueryAsync(cancellationToken); // a catalog of an earlier version gains the outbox and capture tables
        }

        var sqlFirstFailed = false;
        if (sqlFirst is { Tables.Count: > 0 })
        {
            var results = await PgSqlFirstInstall.RunAsync(connection, sqlFirst, cancellationToken);
            foreach (var result in results)
            {
                await output.WriteLineAsync(result.Line());
            }

            sqlFirstFailed = results.Any(r => r.Failed);
        }

        var realms = await PgCatalogStore.ListRealmsAsync(connection, cancellationToken);
        foreach (var realm in realms)
        {
            var mapping = await PgCatalogStore.LoadMappingAsync(connection, realm.RealmId, cancellationToken)
                ?? throw new ConnectorException($"Realm path '{realm.RealmPath}' has no schema deployment in realmsync.\"SchemaDeployment\".", ExitCodes.Failure);
            await PgCapture.EnsureAsync(connection, realm.RealmId, mapping, cancellationToken);
            await output.WriteLineAsync(
                $"PASS Realm path '{realm.RealmPath}': publication {PgCapture.Name(realm.RealmId)} and replication slot {await PgCapture.SlotNameAsync(connection, realm.RealmId, cancellationToken)} are in place.");
        }

        await output.WriteLineAsync(realms.Count == 0
            ? "No Realm path is mapped yet: deploy one with bootstrap --provider postgres --apply, then run install again."
            : $"Change capture is set up for {realms.Count} Realm path(s).");
        return sqlFirstFailed ? ExitCodes.NotReady : ExitCodes.Success;
    }

    /// <summary>What the server or the role lacks for logical replication, each with the fix.</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT current_setting('wal_level'),
                   (SELECT r.rolreplication OR r.rolsuper FROM pg_catalog.pg_roles AS r WHERE r.rolname = current_user),
                   current_setting('max_replication_slots')::int,
                   (SELECT count(*) FROM pg_catalog.pg_replication_slots)::int,
                   current_user;
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (walLevel, replication, maxSlots, usedSlots, role) = (reader.GetString(0), reader.GetBoolean(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetString(4));
        var problems = new List<string>();
        if (walLevel != "logical")
        {
            problems.Add($"wal_level is '{walLevel}': set wal_level = logical in postgresql.conf (or ALTER SYSTEM SET wal_level = logical) and restart the server.");
        }

        if (!replication)
        {
            problems.Add($"role {role} has no REPLICATION attribute: run ALTER ROLE \"{role.Replace("\"", "\"\"", StringComparison.Ordinal)}\" REPLICATION; as a superuser.");
        }

        if (usedSlots >= maxSlots)
        {
            problems.Add($"all {maxSlots} replication slots are in use (max_replication_slots): raise max_replication_slots in postgresql.conf and restart, or drop unused slots.");
        }

        return problems;
    }
}
