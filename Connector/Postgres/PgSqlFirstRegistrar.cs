using Connector.Adapter;
using Connector.ChangeTracking;
using Connector.SchemaGeneration;
using Npgsql;

namespace Connector.Postgres;

/// <summary>
/// Maps existing PostgreSQL tables into the catalog for one Realm path (DESIGN.md section 6, SQL-first) in ONE
/// transaction, as SQL Server's <c>SqlFirstRegistrar</c> does: reads their metadata (<see cref="PgSqlFirstMetadata"/>),
/// plans with <see cref="SqlFirstTables"/>, creates the 'sql-first' MappedRealm row and its cursor when absent, inserts
/// the MappedClass and MappedProperty rows and a SchemaDeployment holding the mapping, and queues the ADD_TYPEs for
/// Realm in the outbox. A path's first capture pass has no stored position and sends every table whole (CLEAR +
/// INSERTs) after the ADD_TYPEs; when tables join a path already captured, its position is forgotten in the same
/// transaction, so that the next pass sends the path's tables whole again, the new ones with them.
/// </summary>
/// <remarks>
/// The connector never alters a SQL-first table (no DDL is run; the DBA owns it); a table whose changes it could not
/// read (<see cref="PgSqlFirstTable.CaptureProblem"/>) is refused. Joining the path's publication is a step of its own
/// (<see cref="PgSqlFirstPublication"/>), since it needs ownership of the table.
/// </remarks>
public static class PgSqlFirstRegistrar
{
    /// <param name="connection">An open connection outside a transaction; the registrar begins and commits its own.</param>
    public static async Task<SqlFirstRegistration> RegisterAsync(
        NpgsqlConnection connection, string realmPath, IReadOnlyList<(string Schema, string Table)> tables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tables);
        await using var transaction = await (connection ?? throw new ArgumentNullException(nameof(connection))).BeginTransactionAsync(cancellationToken);
        // Deployments and registrations take turns: two installs cannot both create the path.
        await ExecuteAsync(connection, $"SELECT pg_catalog.pg_advisory_xact_lock({PgDeployScript.DeployLock});", cancellationToken);
        var (realmId, mode) = await FindRealmAsync(connection, realmPath, cancellationToken);
        SchemaMapping? previous = null;
        if (realmId is { } id)
        {
            // A capture pass of the path waits (its session lock), so that it cannot store a position after the one forgotten below.
            await ExecuteAsync(connection, $"SELECT pg_catalog.pg_advisory_xact_lock({PgCapturePass.CaptureLock}, $1);", cancellationToken, id);
            previous = await PgCatalogStore.LoadMappingAsync(connection, id, cancellationToken);
        }

        var found = new List<PgSqlFirstTable>();
        foreach (var schema in tables.Select(t => t.Schema).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            found.AddRange(await PgSqlFirstMetadata.ReadAsync(connection, schema, cancellationToken));
        }

        var byName = found.ToDictionary(t => (t.Metadata.Schema, t.Metadata.Name));
        var plan = SqlFirstTables.Plan(PgSqlFirstMapper.Dialect, realmPath, tables, [.. found.Select(t => t.Metadata)], previous, mode,
            (_, table) => byName[(table.Schema, table.Name)].CaptureProblem(connection.UserName ?? "current_user"));
        if (!plan.HasChanges)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new SqlFirstRegistration(plan, realmId, null);
        }

        realmId ??= await CreateRealmAsync(connection, realmPath, plan.Mapping.SqlSchema, cancellationToken);
        var reason = "sql-first: mapped " + string.Join(", ", plan.AddTypes.Select(a => a.ObjectType));
        await PgCatalogStore.RecordGrowthAsync(connection, realmId.Value, previous, plan.Mapping, reason, DeploymentScript, cancellationToken);
        var store = new PgOutboxStore(connection);
        var position = await store.ReadPositionAsync(realmId.Value, cancellationToken) is { } lsn ? (long)(ulong)lsn : 0;
        await ExecuteAsync(connection, """DELETE FROM realmsync."CapturePosition" WHERE "RealmId" = $1;""", cancellationToken, realmId.Value);
        var version = await store.NextVersionAsync(realmId.Value, cancellationToken);
        await store.InsertAsync(realmId.Value, new AdapterTransaction(realmPath, version, [.. plan.AddTypes], new ChangeTrackingSource(position, position)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SqlFirstRegistration(plan, realmId, version);
    }

    /// <summary>The deployment's script: there is none.</summary>
    public const string DeploymentScript = "-- SQL-first: existing tables mapped into the catalog; no DDL was run.";

    /// <summary>The path's id and mapping mode, its row locked until commit; nulls when it is not mapped.</summary>
    private static async Task<(int? RealmId, string? Mode)> FindRealmAsync(NpgsqlConnection connection, string realmPath, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """SELECT r."RealmId", r."MappingMode" FROM realmsync."MappedRealm" AS r WHERE r."RealmPath" = $1 FOR UPDATE;""", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = realmPath });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt32(0), reader.GetString(1)) : (null, null);
    }

    /// <summary>The path's MappedRealm row and its cursor at 0, as deploy.sql gives a realm-first path.</summary>
    private static async Task<int> CreateRealmAsync(NpgsqlConnection connection, string realmPath, string sqlSchema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            WITH r AS (INSERT INTO realmsync."MappedRealm" ("RealmPath", "SqlSchema", "MappingMode") VALUES ($1, $2, '{SqlFirstTables.MappingMode}') RETURNING "RealmId")
            INSERT INTO realmsync."InboundCursor" ("RealmId", "Version") SELECT r."RealmId", 0 FROM r RETURNING "RealmId";
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = realmPath });
        command.Parameters.Add(new NpgsqlParameter { Value = sqlSchema });
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
