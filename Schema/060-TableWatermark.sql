-- The Change Tracking version each tracked table has been read up to, written in the same SQL
-- transaction as the outbox rows it produced.
CREATE TABLE [realmsync].[TableWatermark] (
    [RealmId]   int          NOT NULL,
    [SqlSchema] sysname      NOT NULL,
    [SqlTable]  sysname      NOT NULL,
    [Version]   bigint       NOT NULL,
    [UpdatedAt] datetime2(3) NOT NULL CONSTRAINT [DF_TableWatermark_UpdatedAt] DEFAULT (SYSUTCDATETIME()),
    CONSTRAINT [PK_TableWatermark] PRIMARY KEY CLUSTERED ([RealmId], [SqlSchema], [SqlTable]),
    CONSTRAINT [FK_TableWatermark_MappedRealm] FOREIGN KEY ([RealmId]) REFERENCES [realmsync].[MappedRealm] ([RealmId])
);
