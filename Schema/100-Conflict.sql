-- Rows changed on both sides: the SQL change not yet sent to Realm, the Realm change, and the winner.
CREATE TABLE [realmsync].[Conflict] (
    [ConflictId]       bigint        IDENTITY (1, 1) NOT NULL,
    [RealmId]          int           NOT NULL,
    [Version]          bigint        NOT NULL,
    [InstructionIndex] int           NOT NULL,
    [ClassName]        nvarchar(256) NOT NULL,
    [ObjectIdentity]   nvarchar(max) NOT NULL,
    -- 'sql-wins' or 'realm-wins'.
    [Policy]           varchar(16)   NOT NULL,
    [SqlChangeVersion] bigint        NOT NULL,
    [RealmValues]      nvarchar(max) NULL,
    [SqlValues]        nvarchar(max) NULL,
    [DetectedAt]       datetime2(3)  NOT NULL CONSTRAINT [DF_Conflict_DetectedAt] DEFAULT (SYSUTCDATETIME()),
    CONSTRAINT [PK_Conflict] PRIMARY KEY CLUSTERED ([ConflictId]),
    CONSTRAINT [FK_Conflict_MappedRealm] FOREIGN KEY ([RealmId]) REFERENCES [realmsync].[MappedRealm] ([RealmId]),
    CONSTRAINT [CK_Conflict_Policy] CHECK ([Policy] IN ('sql-wins', 'realm-wins'))
);
