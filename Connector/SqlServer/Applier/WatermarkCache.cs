using Microsoft.Data.SqlClient;
using Connector.SqlServer.Catalog;

namespace Connector.SqlServer.Applier;

/// <summary>
/// The watermarks an inbound transaction looks at (conflict detection, then the cascade checks of its calls), each
/// read from the catalog once per table, in the transaction's own SQL transaction: only the poller moves them, and
/// both steps then judge SQL's changes against the same one.
/// </summary>
public sealed class WatermarkCache(SqlConnection connection, SqlTransaction transaction, int realmId)
{
    private readonly Dictionary<(string Schema, string Table), long?> read = [];

    /// <summary>
    /// The watermarks of a Realm of a partitioned mapping: none, without asking the catalog. No SQL Server pass polls
    /// a partitioned mapping yet, so SQL's changes to its tables are never sent to Realm and no call's cascade can
    /// re-tag one not yet sent: the calls run under the connector's context.
    /// </summary>
    public static WatermarkCache Untracked() => new(null!, null!, 0) { untracked = true };

    private bool untracked;

    /// <summary>The version the table was last read up to for Realm, or null when it never was.</summary>
    public async Task<long?> ReadAsync(string sqlSchema, string sqlTable, CancellationToken cancellationToken)
    {
        if (untracked)
        {
            return null;
        }

        if (!read.TryGetValue((sqlSchema, sqlTable), out var watermark))
        {
            watermark = await CatalogStore.ReadWatermarkAsync(connection, transaction, realmId, sqlSchema, sqlTable, cancellationToken);
            read[(sqlSchema, sqlTable)] = watermark;
        }

        return watermark;
    }
}
