-- One row per mapped Realm path. RealmPath is up to 1,024 UTF-8 bytes, too long for an index key, so
-- uniqueness is enforced on its SHA-256.
CREATE TABLE [realmsync].[MappedRealm] (
    [RealmId]     int            IDENTITY (1, 1) NOT NULL,
    [RealmPath]   nvarchar(1024) NOT NULL,
    [RealmPathHash] AS (CAST(HASHBYTES('SHA2_256', [RealmPath]) AS binary(32))) PERSISTED,
    [SqlSchema]   sysname        NOT NULL,
    -- 'realm-first' (tables generated from the Realm schema), 'sql-first' (existing tables mapped),
    -- 'partitioned' (a path pattern whose Realms share tables: RealmPath holds the pattern; the mapping's classes,
    -- deployments and watermarks are its rows) or 'partition' (a Realm path registered under one, PartitionOf).
    [MappingMode] varchar(16)    NOT NULL,
    [CreatedAt]   datetime2(3)   NOT NULL CONSTRAINT [DF_MappedRealm_CreatedAt] DEFAULT (SYSUTCDATETIME()),
    -- Catalog version 2 (Upgrade/002-Partitions.sql adds it last, as here): the partitioned mapping of a 'partition'
    -- row; its RealmId is the value of the partition column [_realm_id] in the mapping's tables.
    [PartitionOf] int            NULL,
    CONSTRAINT [PK_MappedRealm] PRIMARY KEY CLUSTERED ([RealmId]),
    CONSTRAINT [UQ_MappedRealm_RealmPathHash] UNIQUE ([RealmPathHash]),
    CONSTRAINT [CK_MappedRealm_MappingMode] CHECK ([MappingMode] IN ('realm-first', 'sql-first', 'partitioned', 'partition')),
    CONSTRAINT [FK_MappedRealm_PartitionOf] FOREIGN KEY ([PartitionOf]) REFERENCES [realmsync].[MappedRealm] ([RealmId]),
    CONSTRAINT [CK_MappedRealm_PartitionOf] CHECK (([MappingMode] = 'partition' AND [PartitionOf] IS NOT NULL) OR ([MappingMode] <> 'partition' AND [PartitionOf] IS NULL))
);
GO
CREATE NONCLUSTERED INDEX [IX_MappedRealm_PartitionOf] ON [realmsync].[MappedRealm] ([PartitionOf]);
