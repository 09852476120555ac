namespace Connector.SqlServer.ChangeTracking;

/// <summary>
/// The catalog statements of SQL-first registration beside those of <see cref="Catalog.CatalogStatements"/>, in
/// one place; values are parameters, columns qualified by an alias where the offline tier checks them.
/// </summary>
public static class SqlFirstStatements
{
    /// <summary>Locks the path's row (or its absence) until commit, so that two installs cannot both create it.</summary>
    public const string FindRealm =
        "SELECT r.[RealmId], r.[MappingMode] FROM [realmsync].[MappedRealm] AS r WITH (UPDLOCK, HOLDLOCK) " +
        "WHERE r.[RealmPathHash] = CAST(HASHBYTES('SHA2_256', @RealmPath) AS binary(32)) AND r.[RealmPath] = @RealmPath;";

    /// <summary>Returns the new RealmId (SCOPE_IDENTITY, as deploy.sql reads it).</summary>
    public const string InsertRealm =
        "INSERT INTO [realmsync].[MappedRealm] ([RealmPath], [SqlSchema], [MappingMode]) " +
        "VALUES (@RealmPath, @SqlSchema, '" + SqlFirstPlanner.MappingMode + "');\n" +
        "SELECT CAST(SCOPE_IDENTITY() AS int);";

    /// <summary>Every mapped path has a cursor, as deploy.sql gives the realm-first ones.</summary>
    public const string InsertCursor =
        "INSERT INTO [realmsync].[InboundCursor] ([RealmId], [Version]) VALUES (@RealmId, 0);";

    /// <summary>
    /// The catalog statements with their parameters' types, for the offline checks (parse, model validation).
    /// </summary>
    public static IReadOnlyList<(string Name, string Sql, string Declarations)> All { get; } =
    [
        (nameof(FindRealm), FindRealm, "@RealmPath nvarchar(1024)"),
        (nameof(InsertRealm), InsertRealm, "@RealmPath nvarchar(1024), @SqlSchema sysname"),
        (nameof(InsertCursor), InsertCursor, "@RealmId int"),
    ];
}
