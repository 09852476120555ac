using Connector.ChangeTracking;
using Connector.Configuration;
using Connector.Operations;
using Npgsql;

namespace Connector.Postgres;

/// <summary>
/// <c>install</c>'s SQL-first step on PostgreSQL, as <c>SqlFirstInstall</c> on SQL Server: the tables of
/// <c>SqlFirst.Tables</c> mapped for <c>SqlFirst.RealmPath</c> (<see cref="PgSqlFirstRegistrar"/>), one line per table
/// (mapped, already mapped, refused with the reason) and per column left out; then the path's tables join its
/// publication (<see cref="PgSqlFirstPublication"/>), with a line for each that joined or that the DBA must add.
/// </summary>
public static class PgSqlFirstInstall
{
    public static async Task<IReadOnlyList<CheckResult>> RunAsync(NpgsqlConnection connection, SqlFirstOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        var tables = options.Tables.Select(SqlFirstOptionsValidator.TwoPartName).OfType<(string Schema, string Table)>().ToList();
        try
        {
            var registration = await PgSqlFirstRegistrar.RegisterAsync(connection, options.RealmPath, tables, cancellationToken);
            var results = SqlFirstLines.Of(registration, PgSqlFirstMapper.Dialect, "the first capture pass sends its rows whole.");
            if (registration.RealmId is { } realmId && await PgCatalogStore.LoadMappingAsync(connection, realmId, cancellationToken) is { } mapping)
            {
                results.AddRange(await PgSqlFirstPublication.EnsureAsync(connection, realmId, mapping, cancellationToken));
            }

            return results;
        }
        catch (PostgresException e)
        {
            return [CheckResult.Fail(SqlFirstLines.CheckName, $"mapping SqlFirst.Tables failed: {e.MessageText} (SQLSTATE {e.SqlState}); nothing was recorded.",
                "run 'realm-sqlserver doctor', and check that the role may read the tables' metadata and write the realmsync catalog.")];
        }
    }
}
