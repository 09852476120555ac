using Microsoft.Data.SqlClient;

namespace Connector.SqlServer.Operations;

/// <summary>
/// Reads <see cref="StatusReport"/>: the retention (<see cref="OperationsSql.DatabaseSettings"/>), the one
/// <see cref="OperationsSql.Status"/> batch, then, when the catalog holds a partitioned mapping, <see cref="PartitionReport"/>.
/// </summary>
public static class StatusReader
{
    public static async Task<StatusReport> ReadAsync(OperationsConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var (_, retention, _, _) = await DatabaseProbe.SettingsAsync(connection, cancellationToken);
        var report = await connection.QueryAsync(OperationsSql.Status, (r, ct) => ReadAsync(r, retention, ct), cancellationToken);
        return report.Realms.Any(r => r.IsPartitionedMapping) ? report with { Partitioned = await PartitionReport.ReadAsync(connection, cancellationToken) } : report;
    }

    private static async Task<StatusReport> ReadAsync(SqlDataReader r, RetentionPeriod? retention, CancellationToken ct)
    {
        var realms = new List<StatusReport.Realm>();
        while (await r.ReadAsync(ct))
        {
            realms.Add(new(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3), Long(r, 4), r.IsDBNull(5) ? null : r.GetDateTime(5), r.IsDBNull(6) ? null : r.GetInt32(6)));
        }

        await r.NextResultAsync(ct);
        var watermarks = new List<StatusReport.Watermark>();
        while (await r.ReadAsync(ct))
        {
            watermarks.Add(new(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetInt64(3), TimeSpan.FromSeconds(r.GetInt64(7)), Long(r, 5), Long(r, 6)));
        }

        await r.NextResultAsync(ct);
        var outbox = new Dictionary<int, (long, long)>();
        while (await r.ReadAsync(ct))
        {
            outbox[r.GetInt32(0)] = (r.GetInt64(1), r.GetInt64(2));
        }

        return new StatusReport(realms, watermarks, outbox, await CountsAsync(r, ct), await CountsAsync(r, ct), retention);
    }

    private static async Task<Dictionary<int, (long, DateTime)>> CountsAsync(SqlDataReader r, CancellationToken ct)
    {
        await r.NextResultAsync(ct);
        var counts = new Dictionary<int, (long, DateTime)>();
        while (await r.ReadAsync(ct))
        {
            counts[r.GetInt32(0)] = (r.GetInt64(1), r.GetDateTime(2));
        }

        return counts;
    }

    private static long? Long(SqlDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetInt64(ordinal);
}
