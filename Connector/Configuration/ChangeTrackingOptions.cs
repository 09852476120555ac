namespace Connector.Configuration;

/// <summary><c>RealmSqlServer:ChangeTracking</c>: retention, for <c>install</c> and <c>status</c>.</summary>
public sealed class ChangeTrackingOptions
{
    /// <summary>The retention <c>install --enable-change-tracking</c> sets (the command line may override it).</summary>
    public int RetentionDays { get; set; } = 2;

    /// <summary>
    /// <c>status</c> warns when a table's watermark lies in the oldest fraction of the retained versions (between
    /// <c>CHANGE_TRACKING_MIN_VALID_VERSION</c> and the current version): it is close to falling behind.
    /// </summary>
    public double RetentionWarningFraction { get; set; } = 0.25;
}
