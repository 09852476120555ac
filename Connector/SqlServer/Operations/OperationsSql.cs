namespace Connector.SqlServer.Operations;

/// <summary>
/// Every statement <c>install</c>, <c>status</c> and <c>doctor</c> send, in one place. Values are parameters;
/// the only literal is the Change Tracking retention, an integer the validator bounded, because
/// <c>ALTER DATABASE</c> takes no variables.
/// </summary>
public static class OperationsSql
{
    public static readonly OperationsQuery Identity = new("identity", """
        SELECT @@SERVERNAME AS [ServerName], DB_NAME() AS [DatabaseName], SUSER_SNAME() AS [LoginName], USER_NAME() AS [UserName];
        """);

    /// <summary>
    /// Change Tracking, its retention and snapshot isolation. The connected database's row of sys.databases is
    /// always visible, but its row of sys.change_tracking_databases needs VIEW ANY DATABASE (granted to public
    /// unless a DBA revoked it): Change Tracking counts as on when either that row or a current version exists,
    /// and the retention is then NULL when the row is hidden.
    /// </summary>
    public static readonly OperationsQuery DatabaseSettings = new("database-settings", """
        SELECT
            CAST(CASE WHEN ctd.[database_id] IS NULL AND CHANGE_TRACKING_CURRENT_VERSION() IS NULL THEN 0 ELSE 1 END AS bit) AS [ChangeTrackingOn],
            ctd.[retention_period] AS [RetentionPeriod],
            ctd.[retention_period_units] AS [RetentionUnits],
            CAST(CASE WHEN d.[snapshot_isolation_state] = 1 THEN 1 ELSE 0 END AS bit) AS [SnapshotIsolationOn],
            CAST(d.[compatibility_level] AS int) AS [CompatibilityLevel]
        FROM sys.databases AS d
        LEFT JOIN sys.change_tracking_databases AS ctd ON ctd.[database_id] = d.[database_id]
        WHERE d.[database_id] = DB_ID();
        """);

    public static readonly OperationsQuery CatalogPresence = new("catalog-presence", """
        SELECT
            CAST(CASE WHEN SCHEMA_ID(N'realmsync') IS NULL THEN 0 ELSE 1 END AS bit) AS [SchemaExists],
            CAST(CASE WHEN OBJECT_ID(N'[realmsync].[CatalogVersion]', N'U') IS NULL THEN 0 ELSE 1 END AS bit) AS [VersionTableExists];
        """);

    public static readonly OperationsQuery CatalogVersion = new("catalog-version", """
        SELECT MAX(v.[Version]) AS [Version] FROM [realmsync].[CatalogVersion] AS v;
        """);

    public static readonly OperationsQuery RecordCatalogVersion = new("record-catalog-version", """
        INSERT INTO [realmsync].[CatalogVersion] ([Version]) VALUES (@version);
        """, [("@version", "int")]);

    public static readonly OperationsQuery EnableSnapshotIsolation = new("enable-snapshot-isolation", """
        ALTER DATABASE CURRENT SET ALLOW_SNAPSHOT_ISOLATION ON;
        """);

    /// <summary>
    /// For each entry of the JSON list (by its position), whether the connector's login holds that permission, and
    /// whether it can see the securable: a table the login has no permission on at all is hidden from it (metadata
    /// visibility), so OBJECT_ID is NULL both for an absent table and for one the login may not touch.
    /// </summary>
    public static readonly OperationsQuery Permissions = new("permissions", """
        SELECT CAST(j.[key] AS int) AS [Ordinal],
            CAST(ISNULL(HAS_PERMS_BY_NAME(r.[Securable], r.[SecurableClass], r.[Permission]), 0) AS bit) AS [Granted],
            CAST(CASE WHEN r.[SecurableClass] = N'OBJECT' AND OBJECT_ID(r.[Securable], N'U') IS NULL THEN 0 ELSE 1 END AS bit) AS [Visible]
        FROM OPENJSON(@required) AS j
        CROSS APPLY OPENJSON(j.[value]) WITH (
            [Securable] nvarchar(300) '$.securable',
            [SecurableClass] nvarchar(60) '$.class',
            [Permission] nvarchar(60) '$.permission') AS r
        ORDER BY CAST(j.[key] AS int);
        """, [("@required", "nvarchar(max)")]);

    /// <summary>
    /// The schema of every mapped Realm path with its mapping mode ('realm-first', 'sql-first' or 'partitioned'), and,
    /// for a SQL-first path, one row per mapped table (NULL otherwise: the schema is granted as a whole). The paths
    /// registered under a partitioned mapping ('partition', thousands perhaps) share its schema: left out.
    /// </summary>
    public static readonly OperationsQuery MappedRealmTables = new("mapped-tables", """
        SELECT DISTINCT r.[SqlSchema], r.[MappingMode], c.[SqlTable]
        FROM [realmsync].[MappedRealm] AS r
        LEFT JOIN [realmsync].[MappedClass] AS c ON c.[RealmId] = r.[RealmId] AND r.[MappingMode] = 'sql-first'
        WHERE r.[MappingMode] <> 'partition';
        """);

    /// <summary>Each tracked table of the (written) schemas of the JSON list, and whether the login may read its changes.</summary>
    public static readonly OperationsQuery TrackedTablePermissions = new("tracked-table-permissions", """
        SELECT s.[name] AS [SchemaName], t.[name] AS [TableName],
            CAST(ISNULL(HAS_PERMS_BY_NAME(QUOTENAME(s.[name]) + N'.' + QUOTENAME(t.[name]), N'OBJECT', N'VIEW CHANGE TRACKING'), 0) AS bit) AS [Granted]
        FROM sys.change_tracking_tables AS ctt
        JOIN sys.tables AS t ON t.[object_id] = ctt.[object_id]
        JOIN sys.schemas AS s ON s.[schema_id] = t.[schema_id]
        WHERE s.[name] IN (SELECT m.[Schema] FROM OPENJSON(@schemas) WITH ([Schema] sysname '$') AS m)
        ORDER BY s.[name], t.[name];
        """, [("@schemas", "nvarchar(max)")]);

    /// <summary>
    /// Each Quartz table of the JSON list in schema @schema: whether it exists (to this login: OBJECT_ID sees only
    /// what it has some permission on) and whether the login may read and write it.
    /// </summary>
    public static readonly OperationsQuery QuartzTablePermissions = new("quartz-tables", """
        SELECT q.[Name],
            CAST(CASE WHEN OBJECT_ID(QUOTENAME(@schema) + N'.' + QUOTENAME(q.[Name]), N'U') IS NULL THEN 0 ELSE 1 END AS bit) AS [Present],
            CAST(ISNULL(HAS_PERMS_BY_NAME(QUOTENAME(@schema) + N'.' + QUOTENAME(q.[Name]), N'OBJECT', N'SELECT'), 0) AS bit) AS [Select],
            CAST(ISNULL(HAS_PERMS_BY_NAME(QUOTENAME(@schema) + N'.' + QUOTENAME(q.[Name]), N'OBJECT', N'INSERT'), 0) AS bit) AS [Insert],
            CAST(ISNULL(HAS_PERMS_BY_NAME(QUOTENAME(@schema) + N'.' + QUOTENAME(q.[Name]), N'OBJECT', N'UPDATE'), 0) AS bit) AS [Update],
            CAST(ISNULL(HAS_PERMS_BY_NAME(QUOTENAME(@schema) + N'.' + QUOTENAME(q.[Name]), N'OBJECT', N'DELETE'), 0) AS bit) AS [Delete]
        FROM OPENJSON(@tables) WITH ([Name] sysname '$') AS q;
        """, [("@schema", "sysname"), ("@tables", "nvarchar(max)")]);

    /// <summary>
    /// <c>status</c>: five result sets (Realm paths with cursors and the partitioned mapping of each (catalog version 2), watermarks, outbox, dead letters, conflicts). A
    /// watermark's age is measured on the server's clock, the clock that wrote its UpdatedAt (SYSUTCDATETIME()).
    /// </summary>
    public static readonly OperationsQuery Status = new("status", """
        SELECT r.[RealmId], r.[RealmPath], r.[SqlSchema], r.[MappingMode], c.[Version] AS [InboundVersion], c.[UpdatedAt] AS [InboundUpdatedAt], r.[PartitionOf]
        FROM [realmsync].[MappedRealm] AS r
        LEFT JOIN [realmsync].[InboundCursor] AS c ON c.[RealmId] = r.[RealmId]
        ORDER BY r.[RealmPath];

        SELECT w.[RealmId], w.[SqlSchema], w.[SqlTable], w.[Version], w.[UpdatedAt],
            CHANGE_TRACKING_CURRENT_VERSION() AS [CurrentVersion],
            CHANGE_TRACKING_MIN_VALID_VERSION(OBJECT_ID(QUOTENAME(w.[SqlSchema]) + N'.' + QUOTENAME(w.[SqlTable]))) AS [MinValidVersion],
            DATEDIFF_BIG(SECOND, w.[UpdatedAt], SYSUTCDATETIME()) AS [AgeSeconds]
        FROM [realmsync].[TableWatermark] AS w
        ORDER BY w.[RealmId], w.[SqlSchema], w.[SqlTable];

        SELECT o.[RealmId], COUNT_BIG(*) AS [Unshipped], DATEDIFF_BIG(SECOND, MIN(o.[CreatedAt]), SYSUTCDATETIME()) AS [OldestAgeSeconds]
        FROM [realmsync].[Outbox] AS o
        WHERE o.[ShippedAt] IS NULL
        GROUP BY o.[RealmId];

        SELECT d.[RealmId], COUNT_BIG(*) AS [DeadLetters], MAX(d.[ReceivedAt]) AS [Latest]
        FROM [realmsync].[DeadLetter] AS d
        GROUP BY d.[RealmId];

        SELECT f.[RealmId], COUNT_BIG(*) AS [Conflicts], MAX(f.[DetectedAt]) AS [Latest]
        FROM [realmsync].[Conflict] AS f
        GROUP BY f.[RealmId];
        """);

    /// <summary>
    /// <c>status</c> and <c>doctor</c> (catalog version 2): each partitioned mapping with the number of Realm paths
    /// registered under it, then each table of each (its classes' tables and its link and collection tables) that
    /// exists, for <see cref="UnroutedRows"/>.
    /// </summary>
    public static readonly OperationsQuery PartitionedMappings = new("partitioned-mappings", """
        SELECT m.[RealmId], m.[RealmPath], m.[SqlSchema],
            (SELECT COUNT_BIG(*) FROM [realmsync].[MappedRealm] AS p WHERE p.[PartitionOf] = m.[RealmId]) AS [Registered]
        FROM [realmsync].[MappedRealm] AS m
        WHERE m.[MappingMode] = 'partitioned'
        ORDER BY m.[RealmId];

        SELECT m.[RealmId], t.[SqlTable]
        FROM [realmsync].[MappedRealm] AS m
        CROSS APPLY (
            SELECT c.[SqlTable] FROM [realmsync].[MappedClass] AS c WHERE c.[RealmId] = m.[RealmId]
            UNION
            SELECT p.[SqlTable] FROM [realmsync].[MappedProperty] AS p WHERE p.[RealmId] = m.[RealmId] AND p.[SqlTable] IS NOT NULL) AS t
        WHERE m.[MappingMode] = 'partitioned' AND OBJECT_ID(QUOTENAME(m.[SqlSchema]) + N'.' + QUOTENAME(t.[SqlTable]), N'U') IS NOT NULL
        ORDER BY m.[RealmId], t.[SqlTable];
        """);

    public static IReadOnlyList<OperationsQuery> All { get; } =
        [Identity, DatabaseSettings, CatalogPresence, CatalogVersion, RecordCatalogVersion, EnableSnapshotIsolation, Permissions, MappedRealmTables, TrackedTablePermissions, QuartzTablePermissions, Status, PartitionedMappings];

    /// <summary>
    /// For each table (by its position in <paramref name="tables"/>) of the partitioned mapping @realmId in schema
    /// <paramref name="schema"/>, the rows whose partition column is no Realm path registered under it (a scan of each
    /// table, as PostgreSQL's count). The names come from the catalog and are quoted; the mapping is a parameter.
    /// </summary>
    public static OperationsQuery UnroutedRows(string schema, IReadOnlyList<string> tables)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentOutOfRangeException.ThrowIfZero(tables.Count);
        var realm = Sql.SqlIdentifier.Quote(SchemaGeneration.SchemaMapper.RealmColumn);
        var counts = tables.Select((table, i) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"SELECT {i} AS [Ordinal], COUNT_BIG(*) AS [Rows] FROM {Sql.SqlIdentifier.Quote(schema, table)} AS t\n" +
            $"WHERE NOT EXISTS (SELECT 1 FROM [realmsync].[MappedRealm] AS r WHERE r.[RealmId] = t.{realm} AND r.[PartitionOf] = @realmId)"));
        return new("unrouted-rows", string.Join("\nUNION ALL\n", counts) + "\nORDER BY [Ordinal];", [("@realmId", "int")]);
    }

    /// <summary>Turns Change Tracking on with the retention; <paramref name="retentionDays"/> is validated (1 to 365).</summary>
    public static OperationsQuery EnableChangeTracking(int retentionDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retentionDays, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(retentionDays, Configuration.ChangeTrackingOptionsValidator.MaxRetentionDays);
        return new("enable-change-tracking", string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"ALTER DATABASE CURRENT SET CHANGE_TRACKING = ON (CHANGE_RETENTION = {retentionDays} DAYS, AUTO_CLEANUP = ON);"));
    }
}
