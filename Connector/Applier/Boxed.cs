namespace Connector.Applier;

/// <summary>Boxed booleans shared by every row (a set flag per column per row would otherwise box each time).</summary>
public static class Boxed
{
    public static object True { get; } = true;

    public static object False { get; } = false;
}
