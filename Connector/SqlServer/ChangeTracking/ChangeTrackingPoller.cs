using System.Data;
using Connector.ChangeTracking;
using Connector.SchemaGeneration;
using Microsoft.Data.SqlClient;

namespace Connector.SqlServer.ChangeTracking;

/// <summary>
/// One Change Tracking pass for one mapped Realm path (DESIGN.md section 6): in ONE snapshot transaction it reads
/// the current version, checks every table's watermark against its minimum valid version, reads the changes (or
/// the whole table where it must), writes the outbound transactions to the outbox and moves the watermarks, then
/// commits. A crash anywhere before the commit leaves the outbox and the watermarks as they were.
/// </summary>
public sealed class ChangeTrackingPoller(PollOptions options)
{
    public PollOptions Options { get; } = options;

    /// <param name="connection">An open connection to a database with snapshot isolation allowed.</param>
    /// <param name="commandTimeout">Seconds for each read (<see cref="PollTimeouts"/>); the connection's default when null.</param>
    /// <param name="partitioned">
    /// <paramref name="realmId"/> is a partitioned mapping's row: its shared tables' changes go to its Realms
    /// (<see cref="PartitionPollPass"/>), and the result names them (<see cref="PollResult.Paths"/>).
    /// </param>
    public async Task<PollResult> PollAsync(
        SqlConnection connection, int realmId, SchemaMapping mapping, CancellationToken cancellationToken, int? commandTimeout = null, bool partitioned = false)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(mapping);
        await using var transaction = (SqlTransaction)await connection.BeginTransactionAsync(IsolationLevel.Snapshot, cancellationToken);
        var timeout = commandTimeout ?? connection.CommandTimeout;
        var result = partitioned
            ? await new PartitionPollPass(connection, transaction, realmId, mapping, Options, timeout).RunAsync(cancellationToken)
            : await new PollPass(connection, transaction, realmId, mapping, Options, timeout).RunAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
