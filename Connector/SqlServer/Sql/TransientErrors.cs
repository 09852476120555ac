using System.Collections.Frozen;
using System.Net.Sockets;
using Microsoft.Data.SqlClient;

namespace Connector.SqlServer.Sql;

/// <summary>
/// The one place that says which SQL failures are worth retrying: the whole transaction is rolled back and run
/// again, so retrying is safe for any error in this list.
/// </summary>
public static class TransientErrors
{
    /// <summary>
    /// 1205 deadlock victim; -2 client timeout; 3960 snapshot update conflict and 3961 "the object accessed by
    /// the statement has been modified by a DDL statement in another concurrent transaction" (a snapshot
    /// transaction that met a concurrent change: the poller's snapshot and the applier's schema growth); 40197,
    /// 40501, 40613, 49918-49920, 10928, 10929 Azure SQL throttling and failover; 4060 database unavailable
    /// (during failover); 233, 10053, 10054, 10060, 64 the connection was broken or could not be made.
    /// </summary>
    public static FrozenSet<int> Numbers { get; } =
        new[] { 1205, ClientTimeout, SnapshotUpdateConflict, SnapshotDdlConflict, 40197, 40501, 40613, 49918, 49919, 49920, 4060, 233, 10053, 10054, 10060, 10928, 10929, 64 }.ToFrozenSet();

    /// <summary>SqlClient's number for "Execution Timeout Expired" (the command ran past its CommandTimeout).</summary>
    public const int ClientTimeout = -2;

    /// <summary>"Snapshot isolation transaction aborted due to update conflict."</summary>
    public const int SnapshotUpdateConflict = 3960;

    /// <summary>"Snapshot isolation transaction failed ... modified by a DDL statement in another concurrent transaction."</summary>
    public const int SnapshotDdlConflict = 3961;

    /// <summary>Severity 20 and above ends the connection (KILL, server shutdown, a broken session).</summary>
    public const byte ConnectionBrokenSeverity = 20;

    /// <summary>"Cannot continue the execution because the session is in the kill state."</summary>
    public const int SessionKilled = 596;

    public static bool IsTransient(int number, byte severity) =>
        Numbers.Contains(number) || number == SessionKilled || severity >= ConnectionBrokenSeverity;

    /// <summary>Whether a command ran past its timeout (retrying it with the same timeout would fail the same way).</summary>
    public static bool IsTimeout(Exception exception) =>
        exception is SqlException sql && sql.Errors.Cast<SqlError>().Any(e => e.Number == ClientTimeout);

    public static bool IsTransient(Exception exception) => exception switch
    {
        SqlException sql => sql.Errors.Cast<SqlError>().Any(e => IsTransient(e.Number, e.Class)),
        // SqlClient raises these when the connection broke under a command or a commit.
        IOException or SocketException => true,
        PartitionRaceException => true,
        InvalidOperationException { InnerException: { } inner } => IsTransient(inner),
        _ => exception.InnerException is SocketException or IOException,
    };
}
