namespace Connector.Operations;

/// <summary>
/// How close a table's watermark is to falling out of Change Tracking's retention. Versions are not time, so
/// headroom is measured in the retained versions: a watermark within the oldest
/// <c>ChangeTracking:RetentionWarningFraction</c> of [min valid, current] is close to being cleaned up.
/// </summary>
public static class RetentionHeadroom
{
    public static (HeadroomState State, string Text) Assess(long watermark, long? minValid, long? current, double warningFraction)
    {
        if (minValid is null || current is null)
        {
            return (HeadroomState.NotTracked, "Change Tracking is not on for this table (or the database)");
        }

        if (watermark < minValid)
        {
            return (HeadroomState.Lost, $"watermark {watermark} is older than the minimum valid version {minValid}: the next poll re-sends the table whole");
        }

        var span = current.Value - minValid.Value;
        var headroom = watermark - minValid.Value;
        var fraction = span <= 0 ? 1.0 : (double)headroom / span;
        return fraction < warningFraction
            ? (HeadroomState.Warning, $"watermark within the oldest {warningFraction:P0} of the retained versions ({headroom} of {span} above the minimum valid version {minValid}); poll more often or raise the retention")
            : (HeadroomState.Ok, $"{headroom} version(s) above the minimum valid version {minValid}");
    }
}
