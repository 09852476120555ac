-- Realm properties and where each is stored: a column of the class table (SqlColumn), a child table for
-- lists, sets and dictionaries (SqlTable), or nothing for linkingObjects.
CREATE TABLE [realmsync].[MappedProperty] (
    [RealmId]            int            NOT NULL,
    [ClassName]          nvarchar(256)  NOT NULL,
    [PropertyName]       nvarchar(256)  NOT NULL,
    [Ordinal]            int            NOT NULL,
    -- The Realm type of the property or of its elements: bool, int, ..., mixed, object, linkingObjects.
    [RealmType]          varchar(32)    NOT NULL,
    -- 'none', 'list', 'set' or 'dictionary'.
    [CollectionKind]     varchar(16)    NOT NULL,
    [IsOptional]         bit            NOT NULL,
    [IsIndexed]          bit            NOT NULL,
    [IsPrimaryKey]       bit            NOT NULL,
    [ObjectType]         nvarchar(256)  NULL,
    [LinkOriginProperty] nvarchar(256)  NULL,
    [SqlColumn]          sysname        NULL,
    [SqlTable]           sysname        NULL,
    [SqlType]            varchar(64)    NULL,
    [NameResolution]     nvarchar(1000) NULL,
    CONSTRAINT [PK_MappedProperty] PRIMARY KEY CLUSTERED ([RealmId], [ClassName], [PropertyName]),
    CONSTRAINT [FK_MappedProperty_MappedClass] FOREIGN KEY ([RealmId], [ClassName]) REFERENCES [realmsync].[MappedClass] ([RealmId], [ClassName]),
    CONSTRAINT [CK_MappedProperty_CollectionKind] CHECK ([CollectionKind] IN ('none', 'list', 'set', 'dictionary'))
);
