using Connector.Catalog;

namespace Connector.SqlServer.Operations;

/// <summary>Reads the database's identity, settings and catalog version with the statements of <see cref="OperationsSql"/>.</summary>
public static class DatabaseProbe
{
    public static async Task<DatabaseState> ReadAsync(OperationsConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var (server, database, login) = await connection.QueryAsync(OperationsSql.Identity, async (r, ct) =>
        {
            await r.ReadAsync(ct);
            return (Text(r, 0), Text(r, 1), Text(r, 2));
        }, cancellationToken);
        var (tracking, retention, snapshot, compatibility) = await SettingsAsync(connection, cancellationToken);
        return new DatabaseState(server, database, login, tracking, retention, snapshot, await CatalogVersionAsync(connection, cancellationToken))
        {
            CompatibilityLevel = compatibility,
        };
    }

    /// <summary>Whether Change Tracking is on, its retention (null when hidden from this login), whether snapshot isolation is on, the compatibility level.</summary>
    public static Task<(bool ChangeTracking, RetentionPeriod? Retention, bool Snapshot, int CompatibilityLevel)> SettingsAsync(OperationsConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.QueryAsync(OperationsSql.DatabaseSettings, async (r, ct) =>
        {
            await r.ReadAsync(ct);
            var retention = r.IsDBNull(1) || r.IsDBNull(2) ? null : RetentionPeriod.FromCatalog(r.GetInt32(1), r.GetByte(2));
            return (r.GetBoolean(0), retention, r.GetBoolean(3), r.GetInt32(4));
        }, cancellationToken);
    }

    /// <summary>The highest catalog version recorded, 0 when the schema exists without a version, null when absent.</summary>
    public static async Task<int?> CatalogVersionAsync(OperationsConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var (schemaExists, tableExists) = await connection.QueryAsync(OperationsSql.CatalogPresence, async (r, ct) =>
        {
            await r.ReadAsync(ct);
            return (r.GetBoolean(0), r.GetBoolean(1));
        }, cancellationToken);
        if (!schemaExists)
        {
            return null;
        }

        return !tableExists ? 0 : await connection.QueryAsync(OperationsSql.CatalogVersion, async (r, ct) =>
        {
            await r.ReadAsync(ct);
            return r.IsDBNull(0) ? 0 : r.GetInt32(0);
        }, cancellationToken);
    }

    public static string CatalogDescription(int? version) => version switch
    {
        null => $"schema {CatalogSchema.SchemaName} is absent",
        0 => $"schema {CatalogSchema.SchemaName} exists but records no catalog version",
        var v => $"catalog version {v} (this program expects {CatalogSchema.Version})",
    };

    private static string Text(System.Data.Common.DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? "" : reader.GetString(ordinal);
}
