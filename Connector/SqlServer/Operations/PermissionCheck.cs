using Connector.Configuration;
using Connector.Operations;
using Microsoft.Data.SqlClient;

namespace Connector.SqlServer.Operations;

/// <summary>
/// The permissions check shared by <c>install</c> and <c>doctor</c>: <see cref="RequiredPermissions"/> for the
/// configured apply mode, on the catalog, on every written schema (the data schema and the realm-first and
/// partitioned schemas of <c>realmsync.MappedRealm</c>), on the per-Realm views' schema of each partitioned mapping,
/// and on every SQL-first table (those of <c>realmsync.MappedClass</c> and of
/// <c>SqlFirst.Tables</c>: <see cref="MappedSchemas"/>), and VIEW CHANGE TRACKING on every tracked table of the
/// written schemas (a DENY on one table hides behind a schema-level GRANT otherwise).
/// </summary>
public static class PermissionCheck
{
    public const string Name = "permissions";

    /// <summary>SQL Server's "permission was denied" error.</summary>
    private const int PermissionDenied = 229;

    /// <summary>One row of <see cref="OperationsSql.Permissions"/>.</summary>
    public sealed record Row(int Ordinal, bool Granted, bool Visible);

    public static async Task<CheckResult> CheckAsync(OperationsConnection connection, DatabaseState state, ConnectorOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        var schemas = MappedSchemas.From(options.SqlServer.Schema, await CatalogTablesAsync(connection, state, cancellationToken), SqlFirstTables(options));
        var required = RequiredPermissions.For(options.Schema.ApplyMode, schemas);
        var rows = await connection.QueryAsync(OperationsSql.Permissions, async (r, ct) =>
        {
            var read = new List<Row>();
            while (await r.ReadAsync(ct))
            {
                read.Add(new(r.GetInt32(0), r.GetBoolean(1), r.GetBoolean(2)));
            }

            return read;
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
        }, cancellationToken, ("@schemas", System.Text.Json.JsonSerializer.Serialize(schemas.Written)));
        var (missing, unseen) = Classify(required, rows);
        return Result(state.LoginName, options.Schema.ApplyMode, schemas, [.. missing, .. tables], unseen);
    }

    /// <summary>
    /// What the login lacks, and the tables of SqlFirst.Tables not mapped yet that it cannot see (absent, or no
    /// permission on them at all: the login cannot tell which). A mapped table it cannot see lacks its permissions.
    /// </summary>
    public static (IReadOnlyList<string> Missing, IReadOnlyList<string> Unseen) Classify(IReadOnlyList<PermissionRequirement> required, IEnumerable<Row> rows)
    {
        ArgumentNullException.ThrowIfNull(required);
        ArgumentNullException.ThrowIfNull(rows);
        var missing = new List<string>();
        var unseen = new List<string>();
        foreach (var row in rows.Where(r => !r.Granted))
        {
            var requirement = required[row.Ordinal];
            if (requirement.OnlyIfVisible && !row.Visible)
            {
                unseen.Add(requirement.Securable!);
            }
            else
            {
                missing.Add(requirement.Describe() + " (to " + requirement.Why + ")");
            }
        }

        return (missing, [.. unseen.Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>The check's line for what was found missing (nothing: it passes) and the unmapped tables the login cannot see (a warning).</summary>
    public static CheckResult Result(string login, string applyMode, MappedSchemas schemas, IReadOnlyList<string> missing, IReadOnlyList<string>? unseen = null)
    {
        ArgumentNullException.ThrowIfNull(schemas);
        ArgumentNullException.ThrowIfNull(missing);
        unseen ??= [];
        var scope = $"Schema.ApplyMode = {applyMode}; schemas {string.Join(", ", schemas.Written.Select(Sql.SqlIdentifier.Quote))}" +
            (schemas.Scopes.Count == 0 ? "" : $", per-Realm views of {string.Join(", ", schemas.Scopes.Select(Sql.SqlIdentifier.Quote))}") +
            (schemas.SqlFirstTables.Count == 0 ? "" : $" and, read only, tables {string.Join(", ", schemas.SqlFirstTables.Select(t => t.Name))}");
        var notMapped = unseen.Count == 0 ? "" :
            $"; not checked: {string.Join(", ", unseen)} of SqlFirst.Tables, not mapped yet and hidden from this login (absent, or no permission on it at all)";
        const string Setup = "run scripts/sql-setup.sql with ApplyMode=\"{0}\" after 'realm-sqlserver install' has mapped every table: it grants on the data schema, " +
            "on every realm-first and partitioned schema of realmsync.MappedRealm (with the per-Realm views' <schema>_realm) and on every SQL-first table of realmsync.MappedClass (README.md, Installing the service).";
        if (missing.Count > 0)
        {
            return CheckResult.Fail(Name, $"login {login} lacks ({scope}): {string.Join("; ", missing)}{notMapped}.",
                $"add its user to the role {RequiredPermissions.Role} and " + string.Format(System.Globalization.CultureInfo.InvariantCulture, Setup, applyMode));
        }

        return unseen.Count == 0
            ? CheckResult.Pass(Name, $"login {login} holds every permission the connector needs ({scope}).")
            : CheckResult.Warn(Name, $"login {login} holds every permission the connector needs ({scope}){notMapped}.",
                "if the table exists, map it with 'realm-sqlserver install' as db_owner, then " + string.Format(System.Globalization.CultureInfo.InvariantCulture, Setup, applyMode));
    }

    /// <summary>The tables of SqlFirst.Tables; a malformed name was refused by the configuration check already.</summary>
    public static IEnumerable<(string Schema, string Table)> SqlFirstTables(ConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.SqlFirst.Tables.Select(SqlFirstOptionsValidator.TwoPartName).OfType<(string Schema, string Table)>();
    }

    /// <summary>
    /// The mapped schemas and SQL-first tables the catalog records; none when there is no catalog yet, or when the
    /// login may not read it (the SELECT it lacks on realmsync is then among the missing permissions).
    /// </summary>
    private static async Task<IReadOnlyList<(string Schema, string Mode, string? Table)>> CatalogTablesAsync(OperationsConnection connection, DatabaseState state, CancellationToken cancellationToken)
    {
        if (state.CatalogVersion is null or 0)
        {
            return [];
        }

        try
        {
            return await connection.QueryAsync(OperationsSql.MappedRealmTables, async (r, ct) =>
            {
                var rows = new List<(string, string, string?)>();
                while (await r.ReadAsync(ct))
                {
                    rows.Add((r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)));
                }

                return rows;
            }, cancellationToken);
        }
        catch (ConnectorException e) when (e.InnerException is SqlException { Number: PermissionDenied })
        {
            return [];
        }
    }
}
