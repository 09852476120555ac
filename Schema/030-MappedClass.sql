-- Realm classes and the table that stores each. NameResolution says why SqlTable differs from ClassName.
CREATE TABLE [realmsync].[MappedClass] (
    [RealmId]        int            NOT NULL,
    [ClassName]      nvarchar(256)  NOT NULL,
    [Ordinal]        int            NOT NULL,
    -- 'top-level', 'embedded' or 'asymmetric'.
    [ClassKind]      varchar(16)    NOT NULL,
    [PrimaryKey]     nvarchar(256)  NULL,
    [SqlTable]       sysname        NOT NULL,
    [KeyColumn]      sysname        NOT NULL,
    [KeySqlType]     varchar(64)    NOT NULL,
    [NameResolution] nvarchar(1000) NULL,
    CONSTRAINT [PK_MappedClass] PRIMARY KEY CLUSTERED ([RealmId], [ClassName]),
    CONSTRAINT [FK_MappedClass_MappedRealm] FOREIGN KEY ([RealmId]) REFERENCES [realmsync].[MappedRealm] ([RealmId]),
    CONSTRAINT [CK_MappedClass_ClassKind] CHECK ([ClassKind] IN ('top-level', 'embedded', 'asymmetric'))
);
