CREATE TABLE [app].[Person] (
    [_id] binary(12) NOT NULL,
    [name] nvarchar(max) NOT NULL,
    [age] bigint NULL,
    PRIMARY KEY CLUSTERED ([_id])
);
GO
ALTER TABLE [app].[Person] ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = OFF);
GO
CREATE TABLE [app].[Dog] (
    [name] nvarchar(450) COLLATE Latin1_General_100_BIN2 NOT NULL,
    [born] datetime2(7) NULL,
    [owner] binary(12) NULL,
    PRIMARY KEY CLUSTERED ([name])
);
GO
ALTER TABLE [app].[Dog] ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = OFF);
GO
CREATE NONCLUSTERED INDEX [IX_owner] ON [app].[Dog] ([owner]);
GO
CREATE TABLE [app].[Person__dogs] (
    [_owner] binary(12) NOT NULL,
    [_position] int NOT NULL,
    [_target] nvarchar(450) COLLATE Latin1_General_100_BIN2 NOT NULL,
    PRIMARY KEY CLUSTERED ([_owner], [_position])
);
GO
ALTER TABLE [app].[Person__dogs] ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = OFF);
GO
CREATE NONCLUSTERED INDEX [IX_target] ON [app].[Person__dogs] ([_target]);
GO
CREATE TABLE [app].[Person__tags] (
    [_owner] binary(12) NOT NULL,
    [_position] int NOT NULL,
    [_value] nvarchar(max) NOT NULL,
    PRIMARY KEY CLUSTERED ([_owner], [_position])
);
GO
ALTER TABLE [app].[Person__tags] ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = OFF);
GO
