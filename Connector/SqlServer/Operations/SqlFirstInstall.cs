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
    public const string CheckName = "SQL-first";

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

    public static IReadOnlyList<CheckResult> Results(SqlFirstRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var plan = registration.Plan;
        var path = plan.Mapping.RealmPath;
        var results = new List<CheckResult>();
        foreach (var added in plan.AddTypes)
        {
            var table = plan.Mapping.Classes.First(c => c.Class.Name == added.ObjectType).Table;
            results.Add(CheckResult.Pass($"{CheckName} [{plan.Mapping.SqlSchema}].[{table}]",
                $"mapped as class {added.ObjectType} of Realm path '{path}' ({added.Properties.Length} properties, key {added.PrimaryKey}); " +
                $"announced with ADD_TYPE (outbox version {registration.OutboxVersion}); the next poll sends its rows whole."));
        }

        results.AddRange(plan.AlreadyMapped.Select(t => CheckResult.Pass($"{CheckName} {t}", $"already mapped for Realm path '{path}'.")));
        results.AddRange(plan.Refusals.Select(r => CheckResult.Fail($"{CheckName} {r.Table}", "not mapped.", r.Reason + ".")));
        results.AddRange(plan.SkippedColumns.Select(s => CheckResult.Warn(CheckName, "left out " + s + ".", "if Realm needs the column, give it a type Realm has (README, SQL-first) before the table is mapped: a mapped class gains no properties later.")));
        return results;
    }
}
