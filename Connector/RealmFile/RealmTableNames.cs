namespace Connector.RealmFile;

/// <summary>How table names map to class names, and which tables are SDK bookkeeping rather than classes.</summary>
public static class RealmTableNames
{
    private const string ClassPrefix = "class_";

    private static readonly HashSet<string> PermissionClasses =
        new(["__Class", "__Permission", "__Realm", "__Role", "__User"], StringComparer.Ordinal);

    /// <summary><c>class_Dog</c> is class <c>Dog</c>; a plain table name (realm-core's own files) is the class name.</summary>
    public static string ClassName(string tableName) =>
        tableName.StartsWith(ClassPrefix, StringComparison.Ordinal) ? tableName[ClassPrefix.Length..] : tableName;

    public static bool IsBookkeeping(string tableName)
    {
        if (tableName.StartsWith(ClassPrefix, StringComparison.Ordinal))
        {
            return PermissionClasses.Contains(tableName[ClassPrefix.Length..]);
        }

        return tableName is "metadata" or "pk"
            || tableName.StartsWith("flx_", StringComparison.Ordinal)
            || tableName.StartsWith("sync_", StringComparison.Ordinal);
    }
}
