using Microsoft.Data.SqlClient;
using Connector.SqlServer.Catalog;
using Connector.SqlServer.Schema;

namespace Connector.SqlServer.Applier;

/// <summary>
/// The watermarks an inbound transaction looks at (conflict detection, then the cascade checks of its calls), each
/// read from the catalog once per table, in the transaction's own SQL transaction: only the poller moves them, and
/// both steps then judge SQL's changes against the same one. For a Realm of a partitioned mapping
/// (<paramref name="scoped"/>), <paramref name="realmId"/> is the mapping's row, whose watermarks its poll pass moves for
/// all its Realms, and a table named in the per-Realm view schema is looked up under its base schema.
/// </summary>
public sealed class WatermarkCache(SqlConnection connection, SqlTransaction transaction, int realmId, bool scoped = false)
{
    private readonly Dictionary<(string Schema, string Table), long?> read = [];

    /// <summary>The version the table was last read up to for Realm, or null when it never was.</summary>
    public async Task<long?> ReadAsync(string sqlSchema, string sqlTable, CancellationToken cancellationToken)
    {
        var schema = PartitionSession.BaseSchema(sqlSchema, scoped);
        if (!read.TryGetValue((schema, sqlTable), out var watermark))
        {
            watermark = await CatalogStore.ReadWatermarkAsync(connection, transaction, realmId, schema, sqlTable, cancellationToken);
            read[(schema, sqlTable)] = watermark;
        }

        return watermark;
    }
}
