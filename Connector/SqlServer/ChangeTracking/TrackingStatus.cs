using System.Data;
using Microsoft.Data.SqlClient;
using Connector.SqlServer.Sql;

namespace Connector.SqlServer.ChangeTracking;

/// <summary>
/// Whether the connector's login can read one table's changes, read in one query (<see cref="ChangeTrackingQueries.TableStatus"/>).
/// <c>CHANGE_TRACKING_MIN_VALID_VERSION</c> alone cannot say why it is NULL: its documented causes are Change
/// Tracking off for the database, an object id not valid in the database, and too little permission on the table;
/// a table without Change Tracking gives NULL too. Each cause has its own fix, so each has its own message
/// (<see cref="Problem"/>). The poller checks every mapped table before reading it, and SQL-first registration
/// checks the tables it is asked to map, with the same messages.
/// </summary>
/// <param name="Visible">OBJECT_ID found the table. Metadata visibility hides a table from a principal with no
/// permission on it at all, so "not visible" is "dropped or renamed" or "no permission whatsoever"; the message
/// names both.</param>
/// <param name="Tracked">sys.change_tracking_tables has the table. The view shows only tables the principal has
/// some permission on, so this is tested only after <paramref name="Visible"/>: then it is exact.</param>
/// <param name="CanSelect">HAS_PERMS_BY_NAME(table, 'OBJECT', 'SELECT'): CHANGETABLE needs SELECT on the key.</param>
/// <param name="CanViewChanges">HAS_PERMS_BY_NAME(table, 'OBJECT', 'VIEW CHANGE TRACKING').</param>
public sealed record TrackingStatus(long? MinValidVersion, bool Visible, bool Tracked, bool CanSelect, bool CanViewChanges)
{
    /// <summary>
    /// What stops the connector from reading the table's changes, naming the table and the fix; null when nothing
    /// does. Tested in this order, because each later test is meaningful only once the earlier ones passed.
    /// </summary>
    /// <param name="table">The quoted two-part name (<see cref="ChangeTrackingQueries.TableName"/>).</param>
    public string? Problem(string table)
    {
        var grantee = SqlIdentifier.Quote(Operations.RequiredPermissions.Role);
        if (!Visible)
        {
            return $"table {table} does not exist, or the connector's login has no permission on it at all (SQL Server then hides it). " +
                $"If it was dropped or renamed, restore it under that name or remove it from the mapping; otherwise run as db_owner: GRANT SELECT, VIEW CHANGE TRACKING ON {table} TO {grantee};";
        }

        if (!Tracked)
        {
            return $"Change Tracking is not enabled on table {table}. Run as db_owner: ALTER TABLE {table} ENABLE CHANGE_TRACKING;";
        }

        if (!CanSelect || !CanViewChanges)
        {
            var missing = string.Join(", ", new[] { CanSelect ? null : "SELECT", CanViewChanges ? null : "VIEW CHANGE TRACKING" }.OfType<string>());
            return $"the connector's login lacks {missing} on table {table}, which reading its changes needs. Run as db_owner: GRANT {missing} ON {table} TO {grantee}; (or to the connector's login)";
        }

        return MinValidVersion is null
            ? $"CHANGE_TRACKING_MIN_VALID_VERSION is NULL for table {table} although it is tracked and readable: check that Change Tracking is on for the database ('realm-sqlserver doctor')."
            : null;
    }

    public static async Task<TrackingStatus> ReadAsync(SqlConnection connection, SqlTransaction? transaction, string table, CancellationToken cancellationToken, int? commandTimeout = null)
    {
        await using var command = new SqlCommand(ChangeTrackingQueries.TableStatus, connection, transaction);
        if (commandTimeout is { } timeout)
        {
            command.CommandTimeout = timeout;
        }

        command.Parameters.Add(ChangeTrackingQueries.Table, SqlDbType.NVarChar, 600).Value = table;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new TrackingStatus(
            reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4));
    }
}
