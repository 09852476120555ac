namespace Connector.Applier;

/// <summary>A row's latest change in SQL not made by the connector: its Change Tracking version and operation (I, U, D).</summary>
public sealed record SqlChange(long Version, string Operation)
{
    public bool IsDelete => Operation == "D";
}
