CREATE TYPE [realmsync].[keys$binary12] AS TABLE (
    [key] binary(12) NOT NULL PRIMARY KEY
);
GO
CREATE TYPE [realmsync].[keys$nvarchar450] AS TABLE (
    [key] nvarchar(450) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY
);
GO
CREATE TYPE [realmsync].[app_realm.Person$rows] AS TABLE (
    [_ordinal] int NOT NULL,
    [_id] binary(12) NOT NULL,
    [name] nvarchar(max) NULL,
    [age] bigint NULL,
    [name$set] bit NOT NULL,
    [age$set] bit NOT NULL,
    PRIMARY KEY ([_id])
);
GO
CREATE PROCEDURE [realmsync].[app_realm.Person$upsert]
    @context varbinary(128),
    @rows [realmsync].[app_realm.Person$rows] READONLY
AS
SET NOCOUNT ON;
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE t SET
    t.[name] = CASE WHEN s.[name$set] = 1 THEN s.[name] ELSE t.[name] END,
    t.[age] = CASE WHEN s.[age$set] = 1 THEN s.[age] ELSE t.[age] END
FROM [app_realm].[Person] AS t INNER JOIN @rows AS s ON t.[_id] = s.[_id];
WITH CHANGE_TRACKING_CONTEXT (@context)
INSERT INTO [app_realm].[Person] ([_id], [name], [age])
SELECT s.[_id], s.[name], s.[age]
FROM @rows AS s
WHERE NOT EXISTS (SELECT 1 FROM [app_realm].[Person] AS t WHERE t.[_id] = s.[_id]);
GO
CREATE PROCEDURE [realmsync].[app_realm.Person$update]
    @context varbinary(128),
    @rows [realmsync].[app_realm.Person$rows] READONLY
AS
SET NOCOUNT ON;
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE t SET
    t.[name] = CASE WHEN s.[name$set] = 1 THEN s.[name] ELSE t.[name] END,
    t.[age] = CASE WHEN s.[age$set] = 1 THEN s.[age] ELSE t.[age] END
FROM [app_realm].[Person] AS t INNER JOIN @rows AS s ON t.[_id] = s.[_id];
SELECT s.[_ordinal] FROM @rows AS s
WHERE NOT EXISTS (SELECT 1 FROM [app_realm].[Person] AS t WHERE t.[_id] = s.[_id])
ORDER BY s.[_ordinal];
GO
CREATE PROCEDURE [realmsync].[app_realm.Person$delete]
    @context varbinary(128),
    @keys [realmsync].[keys$binary12] READONLY
AS
SET NOCOUNT ON;
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE x SET x.[owner] = NULL
FROM [app_realm].[Dog] AS x WHERE x.[owner] IN (SELECT k.[key] FROM @keys AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE c FROM [app_realm].[Person__dogs] AS c WHERE c.[_owner] IN (SELECT k.[key] FROM @keys AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE c FROM [app_realm].[Person__tags] AS c WHERE c.[_owner] IN (SELECT k.[key] FROM @keys AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE t FROM [app_realm].[Person] AS t WHERE t.[_id] IN (SELECT k.[key] FROM @keys AS k);
GO
CREATE PROCEDURE [realmsync].[app_realm.Person$clear]
    @context varbinary(128)
AS
SET NOCOUNT ON;
DECLARE @keys [realmsync].[keys$binary12];
INSERT INTO @keys ([key]) SELECT t.[_id] FROM [app_realm].[Person] AS t;
EXEC [realmsync].[app_realm.Person$delete] @context = @context, @keys = @keys;
GO
CREATE PROCEDURE [realmsync].[app_realm.Person__dogs$list_insert]
    @context varbinary(128),
    @owner binary(12),
    @index int,
    @target nvarchar(450)
AS
SET NOCOUNT ON;
IF NOT EXISTS (SELECT 1 FROM [app_realm].[Person] AS o WHERE o.[_id] = @owner)
BEGIN
    THROW 50002, N'the object that owns the list does not exist', 1;
END
DECLARE @count int = (SELECT COUNT(*) FROM [app_realm].[Person__dogs] AS l WHERE l.[_owner] = @owner);
IF @index < 0 OR @index > @count
BEGIN
    DECLARE @message nvarchar(2048) = CONCAT(N'list index ', @index, N' is out of range: the list has ', @count, N' element(s)');
    THROW 50001, @message, 1;
END
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE l SET l.[_position] = l.[_position] + 1 FROM [app_realm].[Person__dogs] AS l WHERE l.[_owner] = @owner AND l.[_position] >= @index;
WITH CHANGE_TRACKING_CONTEXT (@context)
INSERT INTO [app_realm].[Person__dogs] ([_owner], [_position], [_target]) VALUES (@owner, @index, @target);
GO
CREATE PROCEDURE [realmsync].[app_realm.Person__dogs$list_set]
    @context varbinary(128),
    @owner binary(12),
    @index int,
    @target nvarchar(450)
AS
SET NOCOUNT ON;
IF NOT EXISTS (SELECT 1 FROM [app_realm].[Person] AS o WHERE o.[_id] = @owner)
BEGIN
    THROW 50002, N'the object that owns the list does not exist', 1;
END
DECLARE @count int = (SELECT COUNT(*) FROM [app_realm].[Person__dogs] AS l WHERE l.[_owner] = @owner);
IF @index < 0 OR @index > @count - 1
BEGIN
    DECLARE @message nvarchar(2048) = CONCAT(N'list index ', @index, N' is out of range: the list has ', @count, N' element(s)');
    THROW 50001, @message, 1;
END
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE l SET l.[_target] = @target FROM [app_realm].[Person__dogs] AS l WHERE l.[_owner] = @owner AND l.[_position] = @index;
GO
CREATE PROCEDURE [realmsync].[app_realm.Person__dogs$list_erase]
    @context varbinary(128),
    @owner binary(12),
    @index int
AS
SET NOCOUNT ON;
IF NOT EXISTS (SELECT 1 FROM [app_realm].[Person] AS o WHERE o.[_id] = @owner)
BEGIN
    THROW 50002, N'the object that owns the list does not exist', 1;
END
DECLARE @count int = (SELECT COUNT(*) FROM [app_realm].[Person__dogs] AS l WHERE l.[_owner] = @owner);
IF @index < 0 OR @index > @count - 1
BEGIN
    DECLARE @message nvarchar(2048) = CONCAT(N'list index ', @index, N' is out of range: the list has ', @count, N' element(s)');
    THROW 50001, @message, 1;
END
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE l FROM [app_realm].[Person__dogs] AS l WHERE l.[_owner] = @owner AND l.[_position] = @index;
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE l SET l.[_position] = l.[_position] - 1 FROM [app_realm].[Person__dogs] AS l WHERE l.[_owner] = @owner AND l.[_position] > @index;
GO
CREATE PROCEDURE [realmsync].[app_realm.Person__dogs$list_clear]
    @context varbinary(128),
    @owner binary(12)
AS
SET NOCOUNT ON;
IF NOT EXISTS (SELECT 1 FROM [app_realm].[Person] AS o WHERE o.[_id] = @owner)
BEGIN
    THROW 50002, N'the object that owns the list does not exist', 1;
END
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE l FROM [app_realm].[Person__dogs] AS l WHERE l.[_owner] = @owner;
GO
CREATE TYPE [realmsync].[app_realm.Person__tags$items] AS TABLE (
    [_owner] binary(12) NOT NULL,
    [_position] int NOT NULL,
    [_value] nvarchar(max) NOT NULL
);
GO
CREATE PROCEDURE [realmsync].[app_realm.Person__tags$replace]
    @context varbinary(128),
    @owners [realmsync].[keys$binary12] READONLY,
    @items [realmsync].[app_realm.Person__tags$items] READONLY
AS
SET NOCOUNT ON;
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE c FROM [app_realm].[Person__tags] AS c WHERE c.[_owner] IN (SELECT o.[key] FROM @owners AS o);
WITH CHANGE_TRACKING_CONTEXT (@context)
INSERT INTO [app_realm].[Person__tags] ([_owner], [_position], [_value])
SELECT i.[_owner], i.[_position], i.[_value] FROM @items AS i;
GO
CREATE TYPE [realmsync].[app_realm.Dog$rows] AS TABLE (
    [_ordinal] int NOT NULL,
    [name] nvarchar(450) COLLATE Latin1_General_100_BIN2 NOT NULL,
    [born] datetime2(7) NULL,
    [owner] binary(12) NULL,
    [born$set] bit NOT NULL,
    [owner$set] bit NOT NULL,
    PRIMARY KEY ([name])
);
GO
CREATE PROCEDURE [realmsync].[app_realm.Dog$upsert]
    @context varbinary(128),
    @rows [realmsync].[app_realm.Dog$rows] READONLY
AS
SET NOCOUNT ON;
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE t SET
    t.[born] = CASE WHEN s.[born$set] = 1 THEN s.[born] ELSE t.[born] END,
    t.[owner] = CASE WHEN s.[owner$set] = 1 THEN s.[owner] ELSE t.[owner] END
FROM [app_realm].[Dog] AS t INNER JOIN @rows AS s ON t.[name] = s.[name];
WITH CHANGE_TRACKING_CONTEXT (@context)
INSERT INTO [app_realm].[Dog] ([name], [born], [owner])
SELECT s.[name], s.[born], s.[owner]
FROM @rows AS s
WHERE NOT EXISTS (SELECT 1 FROM [app_realm].[Dog] AS t WHERE t.[name] = s.[name]);
GO
CREATE PROCEDURE [realmsync].[app_realm.Dog$update]
    @context varbinary(128),
    @rows [realmsync].[app_realm.Dog$rows] READONLY
AS
SET NOCOUNT ON;
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE t SET
    t.[born] = CASE WHEN s.[born$set] = 1 THEN s.[born] ELSE t.[born] END,
    t.[owner] = CASE WHEN s.[owner$set] = 1 THEN s.[owner] ELSE t.[owner] END
FROM [app_realm].[Dog] AS t INNER JOIN @rows AS s ON t.[name] = s.[name];
SELECT s.[_ordinal] FROM @rows AS s
WHERE NOT EXISTS (SELECT 1 FROM [app_realm].[Dog] AS t WHERE t.[name] = s.[name])
ORDER BY s.[_ordinal];
GO
CREATE PROCEDURE [realmsync].[app_realm.Dog$delete]
    @context varbinary(128),
    @keys [realmsync].[keys$nvarchar450] READONLY
AS
SET NOCOUNT ON;
DECLARE @affected1 TABLE ([owner] binary(12) NOT NULL);
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE l OUTPUT deleted.[_owner] INTO @affected1 ([owner])
FROM [app_realm].[Person__dogs] AS l WHERE l.[_target] IN (SELECT k.[key] FROM @keys AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE l SET l.[_position] = r.[rank]
FROM [app_realm].[Person__dogs] AS l
INNER JOIN (SELECT c.[_owner], c.[_position], CAST(ROW_NUMBER() OVER (PARTITION BY c.[_owner] ORDER BY c.[_position]) - 1 AS int) AS [rank]
    FROM [app_realm].[Person__dogs] AS c WHERE c.[_owner] IN (SELECT a.[owner] FROM @affected1 AS a)) AS r
    ON r.[_owner] = l.[_owner] AND r.[_position] = l.[_position]
WHERE l.[_position] <> r.[rank];
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE t FROM [app_realm].[Dog] AS t WHERE t.[name] IN (SELECT k.[key] FROM @keys AS k);
GO
CREATE PROCEDURE [realmsync].[app_realm.Dog$clear]
    @context varbinary(128)
AS
SET NOCOUNT ON;
DECLARE @keys [realmsync].[keys$nvarchar450];
INSERT INTO @keys ([key]) SELECT t.[name] FROM [app_realm].[Dog] AS t;
EXEC [realmsync].[app_realm.Dog$delete] @context = @context, @keys = @keys;
