using System.Globalization;

namespace Connector.SqlServer.Operations;

/// <summary>
/// How close a table's watermark is to falling out of Change Tracking's retention. Cleanup is by time: it removes
/// change information older than the retention period (<c>sys.change_tracking_databases</c>), so the changes after
/// a watermark are safe until the watermark's time plus the retention, and no longer. The watermark's time is when
/// the poller last advanced it (<c>realmsync.TableWatermark.UpdatedAt</c>, written with every advance); the changes
/// after it committed no earlier than the pass that read it began, a little before that time, so the measure is
/// late by at most one pass's duration, well inside any warning fraction. Whether it has already fallen out is
/// exact and separate: the watermark is below <c>CHANGE_TRACKING_MIN_VALID_VERSION</c>.
/// </summary>
public static class RetentionHeadroom
{
    /// <param name="age">How long ago the watermark was last advanced.</param>
    /// <param name="warningFraction">Warn when less than this fraction of the retention period is left.</param>
    public static (HeadroomState State, string Text) Assess(long watermark, long? minValid, long? current, TimeSpan age, RetentionPeriod? retention, double warningFraction)
    {
        if (minValid is null || current is null)
        {
            return (HeadroomState.NotTracked, "Change Tracking is not on for this table (or the database)");
        }

        if (watermark < minValid)
        {
            return (HeadroomState.Lost, Invariant($"watermark {watermark} is older than the minimum valid version {minValid}: the next poll re-sends the table whole"));
        }

        if (retention is null)
        {
            return (HeadroomState.Unknown, Invariant($"advanced {Duration(age)} ago; the retention period is hidden from this login (sys.change_tracking_databases needs VIEW ANY DATABASE), so the time left is not measured"));
        }

        var left = Left(age, retention.Duration);
        if (left <= TimeSpan.Zero)
        {
            return (HeadroomState.Warning, Invariant($"advanced {Duration(age)} ago, longer than the {retention} retention: the changes after it can be cleaned up at any moment, and then the table is re-sent whole; poll now, and poll more often or raise the retention"));
        }

        return IsClose(age, retention.Duration, warningFraction)
            ? (HeadroomState.Warning, Invariant($"advanced {Duration(age)} ago: {Duration(left)} of the {retention} retention left, under {warningFraction:P0}; poll more often or raise the retention"))
            : (HeadroomState.Ok, Invariant($"advanced {Duration(age)} ago; {Duration(left)} of the {retention} retention left"));
    }

    /// <summary>The time until cleanup may remove the changes after a watermark of this age (negative once past).</summary>
    public static TimeSpan Left(TimeSpan age, TimeSpan retention) => retention - age;

    /// <summary>Whether less than <paramref name="warningFraction"/> of the retention is left: the age has passed (1 - fraction) of it.</summary>
    public static bool IsClose(TimeSpan age, TimeSpan retention, double warningFraction) => Left(age, retention) < retention * warningFraction;

    /// <summary>[d.]hh:mm:ss, whole seconds.</summary>
    public static string Duration(TimeSpan value) =>
        TimeSpan.FromSeconds(Math.Floor(Math.Max(0, value.TotalSeconds))).ToString("c", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
