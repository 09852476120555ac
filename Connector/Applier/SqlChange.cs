namespace Connector.Applier;

/// <summary>
/// A row's latest change in SQL not made by the connector: its Change Tracking version and operation (I, U, D). For a
/// collection (a replace's owner), the latest change among its element rows, and <see cref="Values"/>: SQL's
/// collection as it stood when the conflict was found (its rows as JSON), for realmsync.Conflict.
/// </summary>
public sealed record SqlChange(long Version, string Operation, string? Values = null)
{
    public bool IsDelete => Operation == "D";
}
