using Connector.Configuration;
using Microsoft.Data.SqlClient;

namespace Connector.Operations;

/// <summary>
/// The permissions check shared by <c>install</c> and <c>doctor</c>: <see cref="RequiredPermissions"/> for the
/// configured apply mode, on the catalog and on every mapped schema (<see cref="MappedSchemas"/>: the data
/// schema, the schemas of <c>realmsync.MappedRealm</c> and of <c>SqlFirst.Tables</c>), and VIEW CHANGE TRACKING on
/// every tracked table of those schemas (a DENY on one table hides behind a schema-level GRANT otherwise).
/// </summary>
public static class PermissionCheck
{
    public const string Name = "permissions";

    /// <summary>SQL Server's "permission was denied" error.</summary>
    private const int PermissionDenied = 229;

    public static async Task<CheckResult> CheckAsync(OperationsConnection connection, DatabaseState state, ConnectorOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        var schemas = MappedSchemas.From(options.SqlServer.Schema, await CatalogSchemasAsync(connection, state, cancellationToken), SqlFirstSchemas(options));
        var required = RequiredPermissions.For(options.Schema.ApplyMode, schemas);
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
                    lacking.Add($"VIEW CHANGE TRACKING on table {Sql.SqlIdentifier.Quote(r.GetString(0), r.GetString(1))}");
                }
            }

            return lacking;
        }, cancellationToken, ("@schemas", System.Text.Json.JsonSerializer.Serialize(schemas.All)));
        return Result(state.LoginName, options.Schema.ApplyMode, schemas, [.. missing, .. tables]);
    }

    /// <summary>The check's line for what was found missing (nothing: it passes).</summary>
    public static CheckResult Result(string login, string applyMode, MappedSchemas schemas, IReadOnlyList<string> missing)
    {
        ArgumentNullException.ThrowIfNull(schemas);
        ArgumentNullException.ThrowIfNull(missing);
        var scope = $"Schema.ApplyMode = {applyMode}; schemas {string.Join(", ", schemas.Written.Select(Sql.SqlIdentifier.Quote))}" +
            (schemas.ReadOnly.Count == 0 ? "" : $" and, read only, {string.Join(", ", schemas.ReadOnly.Select(Sql.SqlIdentifier.Quote))}");
        return missing.Count == 0
            ? CheckResult.Pass(Name, $"login {login} holds every permission the connector needs ({scope}).")
            : CheckResult.Fail(Name, $"login {login} lacks ({scope}): {string.Join("; ", missing)}.",
                $"add its user to the role {RequiredPermissions.Role} and run scripts/sql-setup.sql with ApplyMode=\"{applyMode}\" " +
                "after 'realm-sqlserver install' has mapped every table: it grants on the data schema and on every schema of realmsync.MappedRealm (README.md, Installing the service).");
    }

    /// <summary>The schemas of SqlFirst.Tables; a malformed name was refused by the configuration check already.</summary>
    public static IEnumerable<string> SqlFirstSchemas(ConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.SqlFirst.Tables.Select(SqlFirstOptionsValidator.TwoPartName).OfType<(string Schema, string Table)>().Select(t => t.Schema);
    }

    /// <summary>
    /// The mapped schemas the catalog records; none when there is no catalog yet, or when the login may not read it
    /// (the SELECT it lacks on realmsync is then among the missing permissions).
    /// </summary>
    private static async Task<IReadOnlyList<(string Schema, string Mode)>> CatalogSchemasAsync(OperationsConnection connection, DatabaseState state, CancellationToken cancellationToken)
    {
        if (state.CatalogVersion is null or 0)
        {
            return [];
        }

        try
        {
            return await connection.QueryAsync(OperationsSql.MappedRealmSchemas, async (r, ct) =>
            {
                var schemas = new List<(string, string)>();
                while (await r.ReadAsync(ct))
                {
                    schemas.Add((r.GetString(0), r.GetString(1)));
                }

                return schemas;
            }, cancellationToken);
        }
        catch (ConnectorException e) when (e.InnerException is SqlException { Number: PermissionDenied })
        {
            return [];
        }
    }
}
