namespace Connector.SqlServer.Operations;

/// <summary>
/// Change Tracking's retention as <c>sys.change_tracking_databases</c> holds it: <c>retention_period</c> in
/// <c>retention_period_units</c> (1 = minutes, 2 = hours, 3 = days). Cleanup removes change information older
/// than this, so it is the time a watermark may stand still before the changes after it can go.
/// </summary>
public sealed record RetentionPeriod(int Value, TimeSpan Unit, string UnitName)
{
    /// <summary>The period of a <c>sys.change_tracking_databases</c> row, or null for a unit this program does not know.</summary>
    public static RetentionPeriod? FromCatalog(int value, byte units) => units switch
    {
        1 => new(value, TimeSpan.FromMinutes(1), "minute"),
        2 => new(value, TimeSpan.FromHours(1), "hour"),
        3 => new(value, TimeSpan.FromDays(1), "day"),
        _ => null,
    };

    public TimeSpan Duration => Unit * Value;

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Value} {UnitName}{(Value == 1 ? "" : "s")}");
}
