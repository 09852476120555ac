using Connector.SqlServer.ChangeTracking;

namespace Connector.ChangeTracking;

/// <summary>The columns of a class row (<see cref="ChangeTrackingQueries.ClassChanges"/>, <see cref="ChangeTrackingQueries.ClassReload"/>), by ordinal.</summary>
public static class ClassRow
{
    public const int Version = 0;
    public const int Operation = 1;
    public const int Context = 2;

    /// <summary>The key from CHANGETABLE: present for a deleted row too.</summary>
    public const int Key = 3;

    /// <summary>The table's columns follow, in the table definition's order; all null when the row no longer exists.</summary>
    public const int FirstColumn = 4;

    public const string Insert = "I";
    public const string Update = "U";
    public const string Delete = "D";
}
