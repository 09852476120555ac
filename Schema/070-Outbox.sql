-- Outbound transactions (the transactional outbox): written with the watermarks, shipped to the journal
-- later, and marked shipped. Version is the connector's own outbound sequence per Realm path.
CREATE TABLE [realmsync].[Outbox] (
    [RealmId]     int           NOT NULL,
    [Version]     bigint        NOT NULL,
    [Transaction] nvarchar(max) NOT NULL,
    [CreatedAt]   datetime2(3)  NOT NULL CONSTRAINT [DF_Outbox_CreatedAt] DEFAULT (SYSUTCDATETIME()),
    [ShippedAt]   datetime2(3)  NULL,
    CONSTRAINT [PK_Outbox] PRIMARY KEY CLUSTERED ([RealmId], [Version]),
    CONSTRAINT [FK_Outbox_MappedRealm] FOREIGN KEY ([RealmId]) REFERENCES [realmsync].[MappedRealm] ([RealmId])
);
GO
CREATE NONCLUSTERED INDEX [IX_Outbox_Unshipped] ON [realmsync].[Outbox] ([RealmId], [Version]) WHERE [ShippedAt] IS NULL;
