namespace Connector.SqlServer.Schema;

/// <summary>The error numbers the generated procedures THROW; the applier turns them into bad input.</summary>
public static class RoutineErrors
{
    /// <summary>A list index outside the list (ADAPTER-PROTOCOL.md section 5).</summary>
    public const int ListIndexOutOfRange = 50001;

    /// <summary>A list edit on an object that does not exist.</summary>
    public const int OwnerNotFound = 50002;
}
