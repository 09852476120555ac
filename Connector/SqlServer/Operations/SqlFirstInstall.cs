using Connector.ChangeTracking;
using Connector.Configuration;
using Connector.Operations;
using Connector.SqlServer.ChangeTracking;
using Connector.SqlServer.Sql;
using Microsoft.Data.SqlClient;

namespace Connector.SqlServer.Operations;

/// <summary>
/// <c>install</c>'s SQL-first step: the tables of <c>SqlFirst.Tables</c> mapped for <c>SqlFirst.RealmPath</c>
/// (<see cref="SqlFirstRegistrar"/>), one line per table: mapped, already mapped, refused (with the reason), and
/// every column left out.
/// </summary>
public static class SqlFirstInstall
{
    public const string CheckName = SqlFirstLines.CheckName;

    public static async Task<IReadOnlyList<CheckResult>> RunAsync(ConnectorOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var tables = options.SqlFirst.Tables.Select(SqlFirstOptionsValidator.TwoPartName).OfType<(string Schema, string Table)>().ToList();
        try
        {
            await using var connection = await SqlConnectionFactory.For(options.SqlServer).OpenAsync(cancellationToken);
            return Results(await SqlFirstRegistrar.RegisterAsync(connection, options.SqlFirst.RealmPath, tables, cancellationToken));
        }
        catch (SqlException e)
        {
            return [CheckResult.Fail(CheckName, $"mapping SqlFirst.Tables failed: {e.Message} (SQL error {e.Number}, line {e.LineNumber}); nothing was recorded.",
                "run 'realm-sqlserver doctor', and check that the login may read the tables' metadata and write the realmsync catalog.")];
        }
    }

    public static IReadOnlyList<CheckResult> Results(SqlFirstRegistration registration) =>
        SqlFirstLines.Of(registration, SqlFirstMapper.Dialect(), "the next poll sends its rows whole.");
}
