-- One row per mapped Realm path. RealmPath is up to 1,024 UTF-8 bytes, too long for an index key, so
-- uniqueness is enforced on its SHA-256.
CREATE TABLE [realmsync].[MappedRealm] (
    [RealmId]     int            IDENTITY (1, 1) NOT NULL,
    [RealmPath]   nvarchar(1024) NOT NULL,
    [RealmPathHash] AS (CAST(HASHBYTES('SHA2_256', [RealmPath]) AS binary(32))) PERSISTED,
    [SqlSchema]   sysname        NOT NULL,
    -- 'realm-first' (tables generated from the Realm schema) or 'sql-first' (existing tables mapped).
    [MappingMode] varchar(16)    NOT NULL,
    [CreatedAt]   datetime2(3)   NOT NULL CONSTRAINT [DF_MappedRealm_CreatedAt] DEFAULT (SYSUTCDATETIME()),
    CONSTRAINT [PK_MappedRealm] PRIMARY KEY CLUSTERED ([RealmId]),
    CONSTRAINT [UQ_MappedRealm_RealmPathHash] UNIQUE ([RealmPathHash]),
    CONSTRAINT [CK_MappedRealm_MappingMode] CHECK ([MappingMode] IN ('realm-first', 'sql-first'))
);
