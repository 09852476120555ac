namespace Connector.Configuration;

/// <summary><c>RealmSqlServer:ChangeTracking</c>: retention, for <c>install</c> and <c>status</c>.</summary>
public sealed class ChangeTrackingOptions
{
    /// <summary>The retention <c>install --enable-change-tracking</c> sets (the command line may override it).</summary>
    public int RetentionDays { get; set; } = 2;

    /// <summary>
    /// <c>status</c> warns when less than this fraction of the Change Tracking retention period is left before the
    /// changes after a table's watermark may be cleaned up: when the watermark was last advanced longer ago than
    /// (1 - fraction) of the retention period.
    /// </summary>
    public double RetentionWarningFraction { get; set; } = 0.25;
}
