namespace Connector.Tests.Integration;

/// <summary>The poller's watermarks (realmsync.TableWatermark), moved by a test as if the poller had run.</summary>
public static class Watermarks
{
    /// <summary>
    /// Every table as sent to Realm up to the current Change Tracking version. An UPDATE: deploy.sql already inserted
    /// one row per generated table, so an INSERT would break the primary key (Msg 2627).
    /// </summary>
    public const string SentUpToNow = "UPDATE w SET w.[Version] = CHANGE_TRACKING_CURRENT_VERSION(), w.[UpdatedAt] = SYSUTCDATETIME() FROM [realmsync].[TableWatermark] AS w;";
}
