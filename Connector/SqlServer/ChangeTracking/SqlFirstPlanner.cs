using Connector.ChangeTracking;
using Connector.SchemaGeneration;
using Connector.SqlServer.Sql;

namespace Connector.SqlServer.ChangeTracking;

/// <summary>
/// SQL-first planning on SQL Server: the shared plan (<see cref="SqlFirstTables"/>) with SQL Server's type mapping
/// (<see cref="SqlFirstMapper"/>) and Change Tracking as the capture check (<see cref="TrackingStatus"/>).
/// </summary>
public static class SqlFirstPlanner
{
    public const string MappingMode = SqlFirstTables.MappingMode;

    /// <param name="tracking">Whether the connector can read each requested table's changes (<see cref="TrackingStatus"/>), by the
    /// requested name; null (or a table absent from it) skips the check. Mapped without Change Tracking, or without the
    /// permission to read it, the table would stop every poll of the path (the poller checks the same, with the same messages).</param>
    public static SqlFirstPlan Plan(
        string realmPath, IReadOnlyList<(string Schema, string Table)> requested, IReadOnlyList<TableMetadata> metadata,
        SchemaMapping? previous = null, string? previousMode = null, IReadOnlyDictionary<(string Schema, string Table), TrackingStatus>? tracking = null) =>
        SqlFirstTables.Plan(SqlFirstMapper.Dialect(), realmPath, requested, metadata, previous, previousMode, (wanted, table) =>
            tracking?.GetValueOrDefault(wanted)?.Problem(SqlIdentifier.Quote(table.Schema, table.Name)) is { } problem ? problem + " Then install again." : null);
}
