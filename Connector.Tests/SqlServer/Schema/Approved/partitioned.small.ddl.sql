CREATE SCHEMA [app] AUTHORIZATION [dbo];
GO
CREATE SCHEMA [app_realm] AUTHORIZATION [dbo];
GO
CREATE TABLE [app].[Person] (
    [_realm_id] int NOT NULL DEFAULT (CONVERT(int, SESSION_CONTEXT(N'realmsync.realm_id'))),
    [_id] binary(12) NOT NULL,
    [name] nvarchar(max) NOT NULL,
    [age] bigint NULL,
    PRIMARY KEY CLUSTERED ([_realm_id], [_id])
);
GO
ALTER TABLE [app].[Person] ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = OFF);
GO
CREATE TABLE [app].[Dog] (
    [_realm_id] int NOT NULL DEFAULT (CONVERT(int, SESSION_CONTEXT(N'realmsync.realm_id'))),
    [name] nvarchar(450) COLLATE Latin1_General_100_BIN2 NOT NULL,
    [born] datetime2(7) NULL,
    [owner] binary(12) NULL,
    PRIMARY KEY NONCLUSTERED ([_realm_id], [name])
);
GO
ALTER TABLE [app].[Dog] ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = OFF);
GO
CREATE CLUSTERED INDEX [CX_realm_id] ON [app].[Dog] ([_realm_id]);
GO
CREATE NONCLUSTERED INDEX [IX_owner] ON [app].[Dog] ([_realm_id], [owner]);
GO
CREATE TABLE [app].[Person__dogs] (
    [_realm_id] int NOT NULL DEFAULT (CONVERT(int, SESSION_CONTEXT(N'realmsync.realm_id'))),
    [_owner] binary(12) NOT NULL,
    [_position] int NOT NULL,
    [_target] nvarchar(450) COLLATE Latin1_General_100_BIN2 NOT NULL,
    PRIMARY KEY CLUSTERED ([_realm_id], [_owner], [_position])
);
GO
ALTER TABLE [app].[Person__dogs] ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = OFF);
GO
CREATE NONCLUSTERED INDEX [IX_target] ON [app].[Person__dogs] ([_realm_id], [_target]);
GO
CREATE TABLE [app].[Person__tags] (
    [_realm_id] int NOT NULL DEFAULT (CONVERT(int, SESSION_CONTEXT(N'realmsync.realm_id'))),
    [_owner] binary(12) NOT NULL,
    [_position] int NOT NULL,
    [_value] nvarchar(max) NOT NULL,
    PRIMARY KEY CLUSTERED ([_realm_id], [_owner], [_position])
);
GO
ALTER TABLE [app].[Person__tags] ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = OFF);
GO
CREATE VIEW [app_realm].[Person]
AS
SELECT t.[_id], t.[name], t.[age]
FROM [app].[Person] AS t
WHERE t.[_realm_id] = CONVERT(int, SESSION_CONTEXT(N'realmsync.realm_id'))
WITH CHECK OPTION;
GO
CREATE VIEW [app_realm].[Dog]
AS
SELECT t.[name], t.[born], t.[owner]
FROM [app].[Dog] AS t
WHERE t.[_realm_id] = CONVERT(int, SESSION_CONTEXT(N'realmsync.realm_id'))
WITH CHECK OPTION;
GO
CREATE VIEW [app_realm].[Person__dogs]
AS
SELECT t.[_owner], t.[_position], t.[_target]
FROM [app].[Person__dogs] AS t
WHERE t.[_realm_id] = CONVERT(int, SESSION_CONTEXT(N'realmsync.realm_id'))
WITH CHECK OPTION;
GO
CREATE VIEW [app_realm].[Person__tags]
AS
SELECT t.[_owner], t.[_position], t.[_value]
FROM [app].[Person__tags] AS t
WHERE t.[_realm_id] = CONVERT(int, SESSION_CONTEXT(N'realmsync.realm_id'))
WITH CHECK OPTION;
GO
