using System.Text;
using Connector.Catalog;
using Connector.SqlServer.Sql;

namespace Connector.SqlServer.Catalog;

/// <summary>
/// Every statement <see cref="CatalogStore"/> sends, in one place: values are parameters, columns are qualified
/// by an alias so that the offline tier can check each against the model.
/// </summary>
public static class CatalogStatements
{
    /// <summary>
    /// Every catalog row in the order mapped: paths mapped on their own, partitioned mappings (Partitioned: RealmPath is
    /// the pattern) and the paths registered under them (PartitionOf), each with its inbound cursor (NULL: none), so that
    /// the inbound pass needs no query per idle path. ServedRealms tells them apart.
    /// </summary>
    public const string ListRealms =
        "SELECT r.[RealmId], r.[RealmPath], r.[SqlSchema], r.[PartitionOf], " + PartitionedFlag + ", c.[Version] " +
        "FROM [realmsync].[MappedRealm] AS r LEFT JOIN [realmsync].[InboundCursor] AS c ON c.[RealmId] = r.[RealmId] ORDER BY r.[RealmId];";

    public const string FindRealm =
        "SELECT r.[RealmId], r.[SqlSchema], r.[PartitionOf], " + PartitionedFlag + " FROM [realmsync].[MappedRealm] AS r " +
        "WHERE r.[RealmPathHash] = CAST(HASHBYTES('SHA2_256', @RealmPath) AS binary(32)) AND r.[RealmPath] = @RealmPath;";

    /// <summary>The partitioned mappings only (their patterns), for matching a path the catalog does not hold.</summary>
    public const string ListPartitioned =
        "SELECT r.[RealmId], r.[RealmPath], r.[SqlSchema], r.[PartitionOf], " + PartitionedFlag + " FROM [realmsync].[MappedRealm] AS r " +
        "WHERE r.[MappingMode] = 'partitioned' ORDER BY r.[RealmId];";

    /// <summary>
    /// The registered Realms of a partitioned mapping (@RealmId) a poll pass must visit, with whether a pass sent them
    /// anything before (they have an outbox row: a Realm's first pass sends it whole, and a whole class always goes out
    /// with its CLEAR, so that pass writes at least one; outbox rows are kept after shipping): all of them (@All), those
    /// in @Ids (a JSON array of RealmIds: their rows changed, or a resend names one), and those never sent.
    /// </summary>
    public const string ListPartitionMembers =
        "SELECT r.[RealmId], r.[RealmPath], CAST(CASE WHEN s.[Sent] IS NULL THEN 0 ELSE 1 END AS bit)\n" +
        "FROM [realmsync].[MappedRealm] AS r\n" +
        "OUTER APPLY (SELECT TOP (1) 1 AS [Sent] FROM [realmsync].[Outbox] AS o WHERE o.[RealmId] = r.[RealmId]) AS s\n" +
        "WHERE r.[PartitionOf] = @RealmId AND (@All = 1 OR s.[Sent] IS NULL OR r.[RealmId] IN (SELECT CONVERT(int, [value]) FROM OPENJSON(@Ids)))\n" +
        "ORDER BY r.[RealmId];";

    /// <summary>
    /// Registers a Realm path under its partitioned mapping (@PartitionOf) in the caller's transaction: its row and its
    /// cursor at 0; returns its RealmId. Its outbox sequence starts with its first outbox row. Another node registering
    /// the same path at the same time fails on UQ_MappedRealm_RealmPathHash (2627): transient, the retry finds the row.
    /// </summary>
    public const string RegisterPartition =
        "INSERT INTO [realmsync].[MappedRealm] ([RealmPath], [SqlSchema], [MappingMode], [PartitionOf]) VALUES (@RealmPath, @SqlSchema, 'partition', @PartitionOf);\n" +
        "DECLARE @Registered int = CONVERT(int, SCOPE_IDENTITY());\n" +
        "INSERT INTO [realmsync].[InboundCursor] ([RealmId], [Version]) VALUES (@Registered, 0);\n" +
        "SELECT @Registered;";

    /// <summary>
    /// The schema lock of a partitioned mapping (@RealmId), held until the transaction ends: each Realm's transaction
    /// takes it shared (@LockMode), a growth of the shared tables exclusive, so that a growth waits for the transactions
    /// planned on the schema it replaces (their table-valued parameters have its types) and they for it. Waits @LockTimeout
    /// ms at most, then reads the id of the deployment in force, which the caller compares with the one it planned on.
    /// Returns the lock's result (negative: not granted) and the id.
    /// </summary>
    public const string LockPartitionedSchema =
        "DECLARE @Granted int, @Resource nvarchar(255) = CONCAT(N'realmsync.partitioned-schema.', @RealmId);\n" +
        "EXEC @Granted = sys.sp_getapplock @Resource = @Resource, @LockMode = @LockMode, @LockOwner = N'Transaction', @LockTimeout = @LockTimeout;\n" +
        "SELECT @Granted, (SELECT TOP (1) d.[DeploymentId] FROM [realmsync].[SchemaDeployment] AS d WHERE d.[RealmId] = @RealmId ORDER BY d.[DeploymentId] DESC);";

    /// <summary>Whether a row is a partitioned mapping (its RealmPath a pattern), as a bit.</summary>
    private const string PartitionedFlag = "CAST(CASE WHEN r.[MappingMode] = 'partitioned' THEN 1 ELSE 0 END AS bit) AS [Partitioned]";

    public const string ReadCursor =
        "SELECT c.[Version] FROM [realmsync].[InboundCursor] AS c WHERE c.[RealmId] = @RealmId;";

    /// <summary>Moves the cursor forward only: 0 rows means another node applied this version already.</summary>
    public const string AdvanceCursor =
        "UPDATE c SET c.[Version] = @Version, c.[UpdatedAt] = SYSUTCDATETIME() FROM [realmsync].[InboundCursor] AS c " +
        "WHERE c.[RealmId] = @RealmId AND c.[Version] < @Version;";

    /// <summary>
    /// The id of the deployment in force: read for every transaction and poll, so it names no blob column; the
    /// mapping and the dacpac (<see cref="LoadDeployment"/>) are read only when the id is not the one cached.
    /// </summary>
    public const string DeploymentInForceId =
        "SELECT TOP (1) d.[DeploymentId] FROM [realmsync].[SchemaDeployment] AS d " +
        "WHERE d.[RealmId] = @RealmId ORDER BY d.[DeploymentId] DESC;";

    public const string LoadDeployment =
        "SELECT d.[Mapping], d.[Dacpac] FROM [realmsync].[SchemaDeployment] AS d WHERE d.[DeploymentId] = @DeploymentId;";

    public const string RecordDeployment =
        "INSERT INTO [realmsync].[SchemaDeployment] ([RealmId], [Reason], [Dacpac], [Script], [Mapping]) " +
        "VALUES (@RealmId, @Reason, @Dacpac, @Script, @Mapping);";

    /// <summary>
    /// The record of an object left out of a transaction that is applied (a null primary key), written in that
    /// transaction: a plain INSERT, since it exists only if the transaction commits, which the cursor makes happen
    /// once (and a NOT EXISTS scan of the unindexed table would wait on other sessions' uncommitted dead letters).
    /// </summary>
    public const string InsertRefusal =
        "INSERT INTO [realmsync].[DeadLetter] ([RealmId], [Version], [InstructionIndex], [Error], [Transaction]) " +
        "VALUES (@RealmId, @Version, @InstructionIndex, @Error, @Transaction);";

    // Idempotent: under onBadTransaction = stop every restart meets the same bad transaction again, and one
    // dead letter per transaction and error is what a DBA wants to read.
    public const string InsertDeadLetter =
        "INSERT INTO [realmsync].[DeadLetter] ([RealmId], [Version], [InstructionIndex], [Error], [Transaction]) " +
        "SELECT @RealmId, @Version, @InstructionIndex, @Error, @Transaction " +
        "WHERE NOT EXISTS (SELECT 1 FROM [realmsync].[DeadLetter] AS d WHERE d.[RealmId] = @RealmId AND d.[Version] = @Version AND d.[Error] = @Error);";

    public const string InsertConflict =
        "INSERT INTO [realmsync].[Conflict] ([RealmId], [Version], [InstructionIndex], [ClassName], [ObjectIdentity], [Policy], [SqlChangeVersion], [RealmValues], [SqlValues]) " +
        "VALUES (@RealmId, @Version, @InstructionIndex, @ClassName, @ObjectIdentity, @Policy, @SqlChangeVersion, @RealmValues, @SqlValues);";

    public const string ReadWatermark =
        "SELECT w.[Version] FROM [realmsync].[TableWatermark] AS w " +
        "WHERE w.[RealmId] = @RealmId AND w.[SqlSchema] = @SqlSchema AND w.[SqlTable] = @SqlTable;";

    /// <summary>
    /// The INSERT of a <see cref="CatalogRow"/>: its table (a constant of <see cref="CatalogRows"/>), its columns
    /// quoted, and one parameter per value (<c>@p0</c>, <c>@p1</c>, ...) beside <c>@RealmId</c>.
    /// </summary>
    public static string InsertRow(CatalogRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var sql = new StringBuilder("INSERT INTO ").Append(row.Table).Append(" ([RealmId]");
        foreach (var (column, _) in row.Values)
        {
            sql.Append(", ").Append(SqlIdentifier.Quote(column));
        }

        sql.Append(") VALUES (@RealmId");
        for (var i = 0; i < row.Values.Length; i++)
        {
            sql.Append(", @p").Append(i);
        }

        return sql.Append(");").ToString();
    }

    /// <summary>
    /// A table created by the connector starts with the Change Tracking version of its creation as its watermark:
    /// its rows came from Realm (tagged with the connector's context), so there is nothing to send back, and
    /// without a watermark the poller would reload it whole (which is right only for SQL-first tables).
    /// </summary>
    public const string InsertInitialWatermark =
        "INSERT INTO [realmsync].[TableWatermark] ([RealmId], [SqlSchema], [SqlTable], [Version]) " +
        "SELECT @RealmId, @SqlSchema, @SqlTable, ISNULL(CHANGE_TRACKING_CURRENT_VERSION(), 0) " +
        "WHERE NOT EXISTS (SELECT 1 FROM [realmsync].[TableWatermark] AS w WHERE w.[RealmId] = @RealmId AND w.[SqlSchema] = @SqlSchema AND w.[SqlTable] = @SqlTable);";

    /// <summary>Every fixed statement, by name, for the offline checks.</summary>
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        [nameof(ListRealms)] = ListRealms,
        [nameof(FindRealm)] = FindRealm,
        [nameof(ListPartitioned)] = ListPartitioned,
        [nameof(RegisterPartition)] = RegisterPartition,
        [nameof(ListPartitionMembers)] = ListPartitionMembers,
        [nameof(LockPartitionedSchema)] = LockPartitionedSchema,
        [nameof(ReadCursor)] = ReadCursor,
        [nameof(AdvanceCursor)] = AdvanceCursor,
        [nameof(DeploymentInForceId)] = DeploymentInForceId,
        [nameof(LoadDeployment)] = LoadDeployment,
        [nameof(RecordDeployment)] = RecordDeployment,
        [nameof(InsertDeadLetter)] = InsertDeadLetter,
        [nameof(InsertRefusal)] = InsertRefusal,
        [nameof(InsertConflict)] = InsertConflict,
        [nameof(ReadWatermark)] = ReadWatermark,
        [nameof(InsertInitialWatermark)] = InsertInitialWatermark,
    };
}
