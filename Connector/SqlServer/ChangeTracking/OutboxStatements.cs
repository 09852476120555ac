namespace Connector.SqlServer.ChangeTracking;

/// <summary>The catalog statements of the outbox and the watermarks, in one place; values are parameters only.</summary>
public static class OutboxStatements
{
    public const string NextVersion =
        "SELECT ISNULL(MAX([Version]), 0) + 1 FROM [realmsync].[Outbox] WHERE [RealmId] = @realmId;";

    public const string Insert =
        "INSERT INTO [realmsync].[Outbox] ([RealmId], [Version], [Transaction]) VALUES (@realmId, @version, @transaction);";

    public const string ReadWatermarks =
        "SELECT [SqlSchema], [SqlTable], [Version] FROM [realmsync].[TableWatermark] WHERE [RealmId] = @realmId;";

    public const string UpsertWatermark =
        "UPDATE [realmsync].[TableWatermark] SET [Version] = @version, [UpdatedAt] = SYSUTCDATETIME()\n" +
        "WHERE [RealmId] = @realmId AND [SqlSchema] = @sqlSchema AND [SqlTable] = @sqlTable;\n" +
        "IF @@ROWCOUNT = 0\n" +
        "    INSERT INTO [realmsync].[TableWatermark] ([RealmId], [SqlSchema], [SqlTable], [Version]) VALUES (@realmId, @sqlSchema, @sqlTable, @version);";

    public const string ReadUnshipped =
        "SELECT TOP (@limit) [Version], [Transaction] FROM [realmsync].[Outbox]\n" +
        "WHERE [RealmId] = @realmId AND [ShippedAt] IS NULL ORDER BY [Version];";

    /// <summary>The transactions of versions <c>@first</c> to <c>@last</c>, shipped or not (what a resend just queued).</summary>
    public const string ReadRange =
        "SELECT [Transaction] FROM [realmsync].[Outbox]\n" +
        "WHERE [RealmId] = @realmId AND [Version] BETWEEN @first AND @last ORDER BY [Version];";

    public const string MarkShipped =
        "UPDATE [realmsync].[Outbox] SET [ShippedAt] = SYSUTCDATETIME()\n" +
        "WHERE [RealmId] = @realmId AND [Version] <= @throughVersion AND [ShippedAt] IS NULL;";

    /// <summary>Every statement with its parameters' types, for the offline checks (parse, model validation).</summary>
    public static IReadOnlyList<(string Name, string Sql, string Declarations)> All { get; } =
    [
        (nameof(NextVersion), NextVersion, "@realmId int"),
        (nameof(Insert), Insert, "@realmId int, @version bigint, @transaction nvarchar(max)"),
        (nameof(ReadWatermarks), ReadWatermarks, "@realmId int"),
        (nameof(UpsertWatermark), UpsertWatermark, "@realmId int, @sqlSchema sysname, @sqlTable sysname, @version bigint"),
        (nameof(ReadUnshipped), ReadUnshipped, "@realmId int, @limit int"),
        (nameof(ReadRange), ReadRange, "@realmId int, @first bigint, @last bigint"),
        (nameof(MarkShipped), MarkShipped, "@realmId int, @throughVersion bigint"),
    ];
}
