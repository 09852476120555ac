using Connector.ChangeTracking;

namespace Connector.Operations;

/// <summary>
/// <c>install</c>'s SQL-first lines on either database, one per table: mapped, already mapped, refused (with the
/// reason), and one per column left out.
/// </summary>
public static class SqlFirstLines
{
    public const string CheckName = "SQL-first";

    /// <param name="dialect">How the database names tables.</param>
    /// <param name="loaded">How the mapped tables' rows reach Realm, as the end of their line ("the next poll sends its rows whole.").</param>
    public static List<CheckResult> Of(SqlFirstRegistration registration, SqlFirstDialect dialect, string loaded)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(dialect);
        var plan = registration.Plan;
        var path = plan.Mapping.RealmPath;
        var results = new List<CheckResult>();
        foreach (var added in plan.AddTypes)
        {
            var table = plan.Mapping.Classes.First(c => c.Class.Name == added.ObjectType).Table;
            results.Add(CheckResult.Pass($"{CheckName} {dialect.Name(plan.Mapping.SqlSchema, table)}",
                $"mapped as class {added.ObjectType} of Realm path '{path}' ({added.Properties.Length} properties, key {added.PrimaryKey}); " +
                $"announced with ADD_TYPE (outbox version {registration.OutboxVersion}); {loaded}"));
        }

        results.AddRange(plan.AlreadyMapped.Select(t => CheckResult.Pass($"{CheckName} {t}", $"already mapped for Realm path '{path}'.")));
        results.AddRange(plan.Refusals.Select(r => CheckResult.Fail($"{CheckName} {r.Table}", "not mapped.", r.Reason + ".")));
        results.AddRange(plan.SkippedColumns.Select(s => CheckResult.Warn(CheckName, "left out " + s + ".", "if Realm needs the column, give it a type Realm has (README, SQL-first) before the table is mapped: a mapped class gains no properties later.")));
        return results;
    }
}
