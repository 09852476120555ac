-- The highest inbound transaction version applied per Realm path, written in the same SQL transaction as
-- the data it covers.
CREATE TABLE [realmsync].[InboundCursor] (
    [RealmId]   int          NOT NULL,
    [Version]   bigint       NOT NULL,
    [UpdatedAt] datetime2(3) NOT NULL CONSTRAINT [DF_InboundCursor_UpdatedAt] DEFAULT (SYSUTCDATETIME()),
    CONSTRAINT [PK_InboundCursor] PRIMARY KEY CLUSTERED ([RealmId]),
    CONSTRAINT [FK_InboundCursor_MappedRealm] FOREIGN KEY ([RealmId]) REFERENCES [realmsync].[MappedRealm] ([RealmId])
);
