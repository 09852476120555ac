using System.Text.Json;
using Connector.Operations;
using Connector.Scheduling;

namespace Connector.SqlServer.Operations;

/// <summary>
/// <c>doctor</c>'s check of a clustered connector's Quartz job store (<c>Scheduler:Clustered = true</c>): every
/// table Quartz checks at start-up exists as <c>[realmsync].[QRTZ_*]</c> (scripts/quartz-tables.sql), and the
/// login may SELECT, INSERT, UPDATE and DELETE each. Not run for a connector that is not clustered.
/// </summary>
public static class SchedulerStoreCheck
{
    public const string Name = "scheduler store";

    private static readonly string[] Operations = ["SELECT", "INSERT", "UPDATE", "DELETE"];

    /// <summary>One Quartz table as the login sees it: present or not, and each of SELECT, INSERT, UPDATE, DELETE held.</summary>
    public sealed record TableState(string Table, bool Present, bool Select, bool Insert, bool Update, bool Delete)
    {
        public IEnumerable<string> Lacking() =>
            new[] { Select, Insert, Update, Delete }.Zip(Operations).Where(p => !p.First).Select(p => p.Second);
    }

    public static async Task<CheckResult> CheckAsync(OperationsConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var tables = await connection.QueryAsync(OperationsSql.QuartzTablePermissions, async (r, ct) =>
        {
            var rows = new List<TableState>();
            while (await r.ReadAsync(ct))
            {
                rows.Add(new(r.GetString(0), r.GetBoolean(1), r.GetBoolean(2), r.GetBoolean(3), r.GetBoolean(4), r.GetBoolean(5)));
            }

            return rows;
        }, cancellationToken, ("@schema", QuartzTables.Schema), ("@tables", JsonSerializer.Serialize(QuartzTables.Required.Select(QuartzTables.TableName))));
        return Evaluate(tables);
    }

    /// <summary>The check's line for the tables as found.</summary>
    public static CheckResult Evaluate(IReadOnlyList<TableState> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var absent = tables.Where(t => !t.Present).Select(t => Quote(t.Table)).ToList();
        if (absent.Count > 0)
        {
            return CheckResult.Fail(Name, $"Scheduler.Clustered is on, but {absent.Count} of the {tables.Count} Quartz tables are absent (or hidden from this login): {string.Join(", ", absent)}; the job store would refuse to start.",
                "run scripts/quartz-tables.sql as db_owner (it creates what is missing), then scripts/sql-setup.sql if the login still lacks permissions.");
        }

        var lacking = tables.Select(t => (t.Table, Lacking: t.Lacking().ToList())).Where(t => t.Lacking.Count > 0)
            .Select(t => $"{string.Join(", ", t.Lacking)} on {Quote(t.Table)}").ToList();
        return lacking.Count == 0
            ? CheckResult.Pass(Name, $"the {tables.Count} Quartz tables [{QuartzTables.Schema}].[{QuartzTables.NamePrefix}*] exist and the login may read and write them.")
            : CheckResult.Fail(Name, $"the login lacks {string.Join("; ", lacking)}.",
                $"add its user to the role {RequiredPermissions.Role} (scripts/sql-setup.sql grants SELECT, INSERT, UPDATE, DELETE on schema {QuartzTables.Schema}), and remove any DENY on these tables.");
    }

    private static string Quote(string table) => Sql.SqlIdentifier.Quote(QuartzTables.Schema, table);
}
