using Connector.Catalog;

namespace Connector.Scheduling;

/// <summary>
/// Where a clustered connector's Quartz job store keeps its tables: <c>[realmsync].[QRTZ_*]</c>, created by the
/// DBA with scripts/quartz-tables.sql, never by the connector at run time (creating them would need CREATE TABLE
/// and REFERENCES for their foreign keys, which the connector's role does not hold).
/// </summary>
/// <remarks>
/// Schema realmsync rather than the data schema or a schema of their own: the role already holds exactly
/// SELECT, INSERT, UPDATE and DELETE there (nothing to grant for them), the schema belongs to the connector
/// (owned by <c>realmsync_owner</c> after scripts/sql-setup.sql, so no ownership chain reaches other objects),
/// and the DBA backs up and inspects one schema for everything the connector keeps. DacFx never drops them:
/// deployments are planned dacpac to dacpac with DropObjectsNotInSource off.
/// </remarks>
public static class QuartzTables
{
    public const string Schema = CatalogSchema.SchemaName;

    /// <summary>The prefix of Quartz's table names (its default, <c>QRTZ_</c>).</summary>
    public const string NamePrefix = "QRTZ_";

    /// <summary>The job store's <c>TablePrefix</c>: Quartz writes <c>{prefix}JOB_DETAILS</c> and so on into its SQL.</summary>
    public const string TablePrefix = Schema + "." + NamePrefix;

    /// <summary>
    /// The tables Quartz 4.7.3 reads and writes, which it checks at start-up (its internal
    /// <c>AdoConstants.AllTableNames</c>; Connector.Tests/Scheduling holds the two lists equal). The execution
    /// history tables are left out: Quartz uses them only when execution history is turned on, and the
    /// connector does not turn it on.
    /// </summary>
    public static IReadOnlyList<string> Required { get; } =
    [
        "JOB_DETAILS", "TRIGGERS", "SIMPLE_TRIGGERS", "SIMPROP_TRIGGERS", "CRON_TRIGGERS", "BLOB_TRIGGERS",
        "FIRED_TRIGGERS", "CALENDARS", "PAUSED_TRIGGER_GRPS", "PAUSED_JOB_GRPS", "LOCKS", "SCHEDULER_STATE",
    ];

    /// <summary>The SQL name of one table, such as <c>QRTZ_LOCKS</c>.</summary>
    public static string TableName(string table) => NamePrefix + table;
}
