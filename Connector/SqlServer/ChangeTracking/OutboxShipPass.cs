using Connector.ChangeTracking;
using Connector.Journal;
using Connector.Scheduling;
using Connector.SqlServer.Sql;

namespace Connector.SqlServer.ChangeTracking;

/// <summary>The ship job's pass: every served Realm path's unshipped outbox transactions written to its outbound journal.</summary>
public sealed class OutboxShipPass(ServedRealms served, SqlConnectionFactory connections, JournalPaths journal) : IShipPass
{
    public async ValueTask<PassResult> RunAsync(CancellationToken cancellationToken)
    {
        var (realms, warnings) = await served.ListAsync(cancellationToken);
        var shipped = 0;
        foreach (var realm in realms)
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            shipped += await new OutboxShipper(new OutboxStore(connection)).ShipAsync(journal, realm.RealmId, realm.RealmPath, cancellationToken);
        }

        return new PassResult(shipped, 0, warnings, []);
    }
}
