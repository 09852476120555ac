using System.Data;
using Connector.Adapter;
using Connector.ChangeTracking;
using Connector.SchemaGeneration;
using Connector.SqlServer.Catalog;
using Microsoft.Data.SqlClient;

namespace Connector.SqlServer.ChangeTracking;

/// <summary>
/// Maps existing tables into the catalog for one Realm path (DESIGN.md section 6, SQL-first) in ONE SQL transaction:
/// reads their metadata, plans with <see cref="SqlFirstPlanner"/>, creates the 'sql-first' MappedRealm row when
/// absent, inserts the MappedClass and MappedProperty rows, records a SchemaDeployment holding the mapping, and
/// queues the ADD_TYPEs for Realm in the outbox. It writes no watermark: the first poll finds none and loads the
/// new tables whole (CLEAR + INSERTs), which is the SQL-first initial load, after the ADD_TYPEs it follows.
/// </summary>
/// <remarks>
/// The tables are not managed by DacFx: the SchemaDeployment row's dacpac is empty and its script says so. The
/// connector never alters a SQL-first table; the DBA owns it, and a table without Change Tracking, or whose changes
/// the connector's login may not read, is refused (<see cref="TrackingStatus"/>, the poller's own check).
/// </remarks>
public static class SqlFirstRegistrar
{
    public const string DeploymentScript = "-- SQL-first: existing tables mapped into the catalog; no DDL was run and DacFx does not manage them (empty dacpac).";

    /// <param name="connection">An open connection; the registrar begins and commits its own transaction.</param>
    public static async Task<SqlFirstRegistration> RegisterAsync(
        SqlConnection connection, string realmPath, IReadOnlyList<(string Schema, string Table)> tables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(tables);
        await using var transaction = (SqlTransaction)await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var (realmId, mode) = await FindRealmAsync(connection, transaction, realmPath, cancellationToken);
        var previous = realmId is { } id ? (await CatalogStore.LoadDeploymentInForceAsync(connection, transaction, id, cancellationToken))?.Mapping : null;
        var metadata = new List<TableMetadata>();
        foreach (var schema in tables.Select(t => t.Schema).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            metadata.AddRange(await TableMetadataReader.ReadAsync(connection, transaction, schema, cancellationToken));
        }

        var plan = SqlFirstPlanner.Plan(realmPath, tables, metadata, previous, mode, await TrackingAsync(connection, transaction, tables, cancellationToken));
        if (!plan.HasChanges)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new SqlFirstRegistration(plan, realmId, null);
        }

        realmId ??= await CreateRealmAsync(connection, transaction, realmPath, plan.Mapping.SqlSchema, cancellationToken);
        await CatalogStore.InsertRowsAsync(connection, transaction, realmId.Value, plan.Rows, cancellationToken);
        var reason = "sql-first: mapped " + string.Join(", ", plan.AddTypes.Select(a => a.ObjectType));
        var deployment = new SchemaDeployment(plan.Mapping, [], DeploymentScript, [], reason.Length <= 400 ? reason : reason[..397] + "...");
        await CatalogStore.RecordDeploymentAsync(connection, transaction, realmId.Value, deployment, DeploymentScript, cancellationToken);
        var version = await QueueAddTypesAsync(connection, transaction, realmId.Value, plan, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SqlFirstRegistration(plan, realmId, version);
    }

    private static async Task<long> QueueAddTypesAsync(SqlConnection connection, SqlTransaction transaction, int realmId, SqlFirstPlan plan, CancellationToken cancellationToken)
    {
        await using var current = new SqlCommand(ChangeTrackingQueries.CurrentVersion, connection, transaction);
        var at = await current.ExecuteScalarAsync(cancellationToken) is long v ? v : 0;
        var outbox = new OutboxStore(connection, transaction);
        var version = await outbox.NextVersionAsync(realmId, cancellationToken);
        await outbox.InsertAsync(realmId, new AdapterTransaction(plan.Mapping.RealmPath, version, [.. plan.AddTypes], new ChangeTrackingSource(at, at)), cancellationToken);
        return version;
    }

    /// <summary>Whether the connector can read each requested table's changes, by the requested name.</summary>
    private static async Task<Dictionary<(string Schema, string Table), TrackingStatus>> TrackingAsync(
        SqlConnection connection, SqlTransaction transaction, IReadOnlyList<(string Schema, string Table)> tables, CancellationToken cancellationToken)
    {
        var tracking = new Dictionary<(string Schema, string Table), TrackingStatus>();
        foreach (var table in tables.Distinct())
        {
            tracking[table] = await TrackingStatus.ReadAsync(connection, transaction, Sql.SqlIdentifier.Quote(table.Schema, table.Table), cancellationToken);
        }

        return tracking;
    }

    private static async Task<(int? RealmId, string? Mode)> FindRealmAsync(SqlConnection connection, SqlTransaction transaction, string realmPath, CancellationToken cancellationToken)
    {
        await using var command = new SqlCommand(SqlFirstStatements.FindRealm, connection, transaction);
        command.Parameters.Add(new SqlParameter("@RealmPath", SqlDbType.NVarChar, 1024) { Value = realmPath });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt32(0), reader.GetString(1)) : (null, null);
    }

    private static async Task<int> CreateRealmAsync(SqlConnection connection, SqlTransaction transaction, string realmPath, string sqlSchema, CancellationToken cancellationToken)
    {
        int realmId;
        await using (var command = new SqlCommand(SqlFirstStatements.InsertRealm, connection, transaction))
        {
            command.Parameters.Add(new SqlParameter("@RealmPath", SqlDbType.NVarChar, 1024) { Value = realmPath });
            command.Parameters.Add(new SqlParameter("@SqlSchema", SqlDbType.NVarChar, 128) { Value = sqlSchema });
            realmId = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        await using var cursor = new SqlCommand(SqlFirstStatements.InsertCursor, connection, transaction);
        cursor.Parameters.Add(new SqlParameter("@RealmId", SqlDbType.Int) { Value = realmId });
        await cursor.ExecuteNonQueryAsync(cancellationToken);
        return realmId;
    }
}
