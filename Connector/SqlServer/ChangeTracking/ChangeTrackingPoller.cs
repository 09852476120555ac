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
    public async Task<PollResult> PollAsync(SqlConnection connection, int realmId, SchemaMapping mapping, CancellationToken cancellationToken, int? commandTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(mapping);
        await using var transaction = (SqlTransaction)await connection.BeginTransactionAsync(IsolationLevel.Snapshot, cancellationToken);
        var pass = new PollPass(connection, transaction, realmId, mapping, Options, commandTimeout ?? connection.CommandTimeout);
        var result = await pass.RunAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
