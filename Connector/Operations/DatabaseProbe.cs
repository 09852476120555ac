using Connector.Catalog;

namespace Connector.Operations;

/// <summary>Reads the database's state and the login's permissions with the statements of <see cref="OperationsSql"/>.</summary>
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
        var (tracking, retention, snapshot) = await connection.QueryAsync(OperationsSql.DatabaseSettings, async (r, ct) =>
        {
            await r.ReadAsync(ct);
            var retention = r.IsDBNull(1) ? null : $"{r.GetInt32(1)} {Text(r, 2).ToLowerInvariant()}";
            return (r.GetBoolean(0), retention, r.GetBoolean(3));
        }, cancellationToken);
        return new DatabaseState(server, database, login, tracking, retention, snapshot, await CatalogVersionAsync(connection, cancellationToken));
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

    /// <summary>The permissions of <see cref="RequiredPermissions"/> the login lacks, and tracked tables it cannot read changes of.</summary>
    public static async Task<IReadOnlyList<string>> MissingPermissionsAsync(OperationsConnection connection, string dataSchema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var required = RequiredPermissions.For(dataSchema);
        var missing = await connection.QueryAsync(OperationsSql.Permissions, async (r, ct) =>
        {
            var lacking = new List<string>();
            while (await r.ReadAsync(ct))
            {
                if (!r.GetBoolean(1))
                {
                    var requirement = required[r.GetInt32(0)];
                    lacking.Add(requirement.Describe() + " (to " + requirement.Why + ")");
                }
            }

            return lacking;
        }, cancellationToken, ("@required", RequiredPermissions.ToJson(required)));
        var tables = await connection.QueryAsync(OperationsSql.TrackedTablePermissions, async (r, ct) =>
        {
            var lacking = new List<string>();
            while (await r.ReadAsync(ct))
            {
                if (!r.GetBoolean(2))
                {
                    lacking.Add($"VIEW CHANGE TRACKING on table {Sql.SqlIdentifier.Quote(Text(r, 0), Text(r, 1))}");
                }
            }

            return lacking;
        }, cancellationToken, ("@dataSchema", dataSchema));
        return [.. missing, .. tables];
    }

    public static string CatalogDescription(int? version) => version switch
    {
        null => $"schema {CatalogSchema.SchemaName} is absent",
        0 => $"schema {CatalogSchema.SchemaName} exists but records no catalog version",
        var v => $"catalog version {v} (this program expects {CatalogSchema.Version})",
    };

    private static string Text(System.Data.Common.DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? "" : reader.GetString(ordinal);
}
