using Connector.ChangeTracking;
using Connector.Journal;
using Connector.Scheduling;
using Connector.SqlServer.Sql;

namespace Connector.SqlServer.ChangeTracking;

/// <summary>The ship job's pass on SQL Server: every served Realm path's unshipped outbox transactions written to its outbound journal.</summary>
public sealed class OutboxShipPass(ServedRealms served, SqlConnectionFactory connections, JournalPaths journal) : IShipPass
{
    public async ValueTask<PassResult> RunAsync(CancellationToken cancellationToken) =>
        await OutboxShipper.ShipServedAsync(served, journal, async token =>
        {
            var connection = await connections.OpenAsync(token);
            return (new OutboxStore(connection), connection);
        }, cancellationToken);
}
