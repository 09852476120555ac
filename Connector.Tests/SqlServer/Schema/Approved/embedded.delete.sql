CREATE PROCEDURE [realmsync].[app.Tree$delete]
    @context varbinary(128),
    @keys [realmsync].[keys$nvarchar450] READONLY
AS
SET NOCOUNT ON;
DECLARE @embedded1 [realmsync].[keys$nvarchar64];
DECLARE @embedded2 [realmsync].[keys$nvarchar64];
DECLARE @found int = 1;
WHILE @found > 0
BEGIN
    SET @found = 0;
    INSERT INTO @embedded1 ([key])
    SELECT e1.[top] FROM [app].[Tree] AS e1 WHERE e1.[top] IS NOT NULL AND e1.[id] IN (SELECT k.[key] FROM @keys AS k)
    UNION
    SELECT e2.[_target] FROM [app].[Tree__tops] AS e2 WHERE e2.[_target] IS NOT NULL AND e2.[_owner] IN (SELECT k.[key] FROM @keys AS k)
    UNION
    SELECT e3.[next] FROM [app].[Node] AS e3 WHERE e3.[next] IS NOT NULL AND e3.[_realm_object_id] IN (SELECT k.[key] FROM @embedded1 AS k)
    UNION
    SELECT e4.[_target] FROM [app].[Node__children] AS e4 WHERE e4.[_target] IS NOT NULL AND e4.[_owner] IN (SELECT k.[key] FROM @embedded1 AS k)
    UNION
    SELECT e5.[back] FROM [app].[Twig] AS e5 WHERE e5.[back] IS NOT NULL AND e5.[_realm_object_id] IN (SELECT k.[key] FROM @embedded2 AS k)
    EXCEPT
    SELECT f.[key] FROM @embedded1 AS f;
    SET @found += @@ROWCOUNT;
    INSERT INTO @embedded2 ([key])
    SELECT e1.[twig] FROM [app].[Node] AS e1 WHERE e1.[twig] IS NOT NULL AND e1.[_realm_object_id] IN (SELECT k.[key] FROM @embedded1 AS k)
    EXCEPT
    SELECT f.[key] FROM @embedded2 AS f;
    SET @found += @@ROWCOUNT;
END
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE x SET x.[owner] = NULL
FROM [app].[Twig] AS x WHERE x.[owner] IN (SELECT k.[key] FROM @keys AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE c FROM [app].[Tree__tops] AS c WHERE c.[_owner] IN (SELECT k.[key] FROM @keys AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE t FROM [app].[Tree] AS t WHERE t.[id] IN (SELECT k.[key] FROM @keys AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE x SET x.[top] = NULL
FROM [app].[Tree] AS x WHERE x.[top] IN (SELECT k.[key] FROM @embedded1 AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE x SET x.[_target] = NULL
FROM [app].[Tree__tops] AS x WHERE x.[_target] IN (SELECT k.[key] FROM @embedded1 AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE x SET x.[next] = NULL
FROM [app].[Node] AS x WHERE x.[next] IN (SELECT k.[key] FROM @embedded1 AS k);
DECLARE @affected1 TABLE ([owner] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL);
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE l OUTPUT deleted.[_owner] INTO @affected1 ([owner])
FROM [app].[Node__children] AS l WHERE l.[_target] IN (SELECT k.[key] FROM @embedded1 AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE l SET l.[_position] = r.[rank]
FROM [app].[Node__children] AS l
INNER JOIN (SELECT c.[_owner], c.[_position], CAST(ROW_NUMBER() OVER (PARTITION BY c.[_owner] ORDER BY c.[_position]) - 1 AS int) AS [rank]
    FROM [app].[Node__children] AS c WHERE c.[_owner] IN (SELECT a.[owner] FROM @affected1 AS a)) AS r
    ON r.[_owner] = l.[_owner] AND r.[_position] = l.[_position]
WHERE l.[_position] <> r.[rank];
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE x SET x.[back] = NULL
FROM [app].[Twig] AS x WHERE x.[back] IN (SELECT k.[key] FROM @embedded1 AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE c FROM [app].[Node__children] AS c WHERE c.[_owner] IN (SELECT k.[key] FROM @embedded1 AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE c FROM [app].[Node__weights] AS c WHERE c.[_owner] IN (SELECT k.[key] FROM @embedded1 AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE t FROM [app].[Node] AS t WHERE t.[_realm_object_id] IN (SELECT k.[key] FROM @embedded1 AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE x SET x.[twig] = NULL
FROM [app].[Node] AS x WHERE x.[twig] IN (SELECT k.[key] FROM @embedded2 AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE t FROM [app].[Twig] AS t WHERE t.[_realm_object_id] IN (SELECT k.[key] FROM @embedded2 AS k);
GO
CREATE PROCEDURE [realmsync].[app.Node$delete]
    @context varbinary(128),
    @keys [realmsync].[keys$nvarchar64] READONLY
AS
SET NOCOUNT ON;
DECLARE @embedded1 [realmsync].[keys$nvarchar64];
DECLARE @embedded2 [realmsync].[keys$nvarchar64];
DECLARE @found int = 1;
WHILE @found > 0
BEGIN
    SET @found = 0;
    INSERT INTO @embedded1 ([key])
    SELECT e1.[twig] FROM [app].[Node] AS e1 WHERE e1.[twig] IS NOT NULL AND e1.[_realm_object_id] IN (SELECT k.[key] FROM @keys AS k)
    UNION
    SELECT e2.[twig] FROM [app].[Node] AS e2 WHERE e2.[twig] IS NOT NULL AND e2.[_realm_object_id] IN (SELECT k.[key] FROM @embedded2 AS k)
    EXCEPT
    SELECT f.[key] FROM @embedded1 AS f;
    SET @found += @@ROWCOUNT;
    INSERT INTO @embedded2 ([key])
    SELECT e1.[next] FROM [app].[Node] AS e1 WHERE e1.[next] IS NOT NULL AND e1.[_realm_object_id] IN (SELECT k.[key] FROM @keys AS k)
    UNION
    SELECT e2.[_target] FROM [app].[Node__children] AS e2 WHERE e2.[_target] IS NOT NULL AND e2.[_owner] IN (SELECT k.[key] FROM @keys AS k)
    UNION
    SELECT e3.[back] FROM [app].[Twig] AS e3 WHERE e3.[back] IS NOT NULL AND e3.[_realm_object_id] IN (SELECT k.[key] FROM @embedded1 AS k)
    UNION
    SELECT e4.[next] FROM [app].[Node] AS e4 WHERE e4.[next] IS NOT NULL AND e4.[_realm_object_id] IN (SELECT k.[key] FROM @embedded2 AS k)
    UNION
    SELECT e5.[_target] FROM [app].[Node__children] AS e5 WHERE e5.[_target] IS NOT NULL AND e5.[_owner] IN (SELECT k.[key] FROM @embedded2 AS k)
    EXCEPT
    SELECT f.[key] FROM @embedded2 AS f;
    SET @found += @@ROWCOUNT;
END
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE x SET x.[top] = NULL
FROM [app].[Tree] AS x WHERE x.[top] IN (SELECT k.[key] FROM @keys AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE x SET x.[_target] = NULL
FROM [app].[Tree__tops] AS x WHERE x.[_target] IN (SELECT k.[key] FROM @keys AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE x SET x.[next] = NULL
FROM [app].[Node] AS x WHERE x.[next] IN (SELECT k.[key] FROM @keys AS k);
DECLARE @affected1 TABLE ([owner] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL);
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE l OUTPUT deleted.[_owner] INTO @affected1 ([owner])
FROM [app].[Node__children] AS l WHERE l.[_target] IN (SELECT k.[key] FROM @keys AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE l SET l.[_position] = r.[rank]
FROM [app].[Node__children] AS l
INNER JOIN (SELECT c.[_owner], c.[_position], CAST(ROW_NUMBER() OVER (PARTITION BY c.[_owner] ORDER BY c.[_position]) - 1 AS int) AS [rank]
    FROM [app].[Node__children] AS c WHERE c.[_owner] IN (SELECT a.[owner] FROM @affected1 AS a)) AS r
    ON r.[_owner] = l.[_owner] AND r.[_position] = l.[_position]
WHERE l.[_position] <> r.[rank];
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE x SET x.[back] = NULL
FROM [app].[Twig] AS x WHERE x.[back] IN (SELECT k.[key] FROM @keys AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE c FROM [app].[Node__children] AS c WHERE c.[_owner] IN (SELECT k.[key] FROM @keys AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE c FROM [app].[Node__weights] AS c WHERE c.[_owner] IN (SELECT k.[key] FROM @keys AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE t FROM [app].[Node] AS t WHERE t.[_realm_object_id] IN (SELECT k.[key] FROM @keys AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE x SET x.[twig] = NULL
FROM [app].[Node] AS x WHERE x.[twig] IN (SELECT k.[key] FROM @embedded1 AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE t FROM [app].[Twig] AS t WHERE t.[_realm_object_id] IN (SELECT k.[key] FROM @embedded1 AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE x SET x.[top] = NULL
FROM [app].[Tree] AS x WHERE x.[top] IN (SELECT k.[key] FROM @embedded2 AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE x SET x.[_target] = NULL
FROM [app].[Tree__tops] AS x WHERE x.[_target] IN (SELECT k.[key] FROM @embedded2 AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE x SET x.[next] = NULL
FROM [app].[Node] AS x WHERE x.[next] IN (SELECT k.[key] FROM @embedded2 AS k);
DECLARE @affected2 TABLE ([owner] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL);
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE l OUTPUT deleted.[_owner] INTO @affected2 ([owner])
FROM [app].[Node__children] AS l WHERE l.[_target] IN (SELECT k.[key] FROM @embedded2 AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE l SET l.[_position] = r.[rank]
FROM [app].[Node__children] AS l
INNER JOIN (SELECT c.[_owner], c.[_position], CAST(ROW_NUMBER() OVER (PARTITION BY c.[_owner] ORDER BY c.[_position]) - 1 AS int) AS [rank]
    FROM [app].[Node__children] AS c WHERE c.[_owner] IN (SELECT a.[owner] FROM @affected2 AS a)) AS r
    ON r.[_owner] = l.[_owner] AND r.[_position] = l.[_position]
WHERE l.[_position] <> r.[rank];
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE x SET x.[back] = NULL
FROM [app].[Twig] AS x WHERE x.[back] IN (SELECT k.[key] FROM @embedded2 AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE c FROM [app].[Node__children] AS c WHERE c.[_owner] IN (SELECT k.[key] FROM @embedded2 AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE c FROM [app].[Node__weights] AS c WHERE c.[_owner] IN (SELECT k.[key] FROM @embedded2 AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE t FROM [app].[Node] AS t WHERE t.[_realm_object_id] IN (SELECT k.[key] FROM @embedded2 AS k);
GO
CREATE PROCEDURE [realmsync].[app.Twig$delete]
    @context varbinary(128),
    @keys [realmsync].[keys$nvarchar64] READONLY
AS
SET NOCOUNT ON;
DECLARE @embedded1 [realmsync].[keys$nvarchar64];
DECLARE @embedded2 [realmsync].[keys$nvarchar64];
DECLARE @found int = 1;
WHILE @found > 0
BEGIN
    SET @found = 0;
    INSERT INTO @embedded1 ([key])
    SELECT e1.[back] FROM [app].[Twig] AS e1 WHERE e1.[back] IS NOT NULL AND e1.[_realm_object_id] IN (SELECT k.[key] FROM @keys AS k)
    UNION
    SELECT e2.[next] FROM [app].[Node] AS e2 WHERE e2.[next] IS NOT NULL AND e2.[_realm_object_id] IN (SELECT k.[key] FROM @embedded1 AS k)
    UNION
    SELECT e3.[_target] FROM [app].[Node__children] AS e3 WHERE e3.[_target] IS NOT NULL AND e3.[_owner] IN (SELECT k.[key] FROM @embedded1 AS k)
    UNION
    SELECT e4.[back] FROM [app].[Twig] AS e4 WHERE e4.[back] IS NOT NULL AND e4.[_realm_object_id] IN (SELECT k.[key] FROM @embedded2 AS k)
    EXCEPT
    SELECT f.[key] FROM @embedded1 AS f;
    SET @found += @@ROWCOUNT;
    INSERT INTO @embedded2 ([key])
    SELECT e1.[twig] FROM [app].[Node] AS e1 WHERE e1.[twig] IS NOT NULL AND e1.[_realm_object_id] IN (SELECT k.[key] FROM @embedded1 AS k)
    EXCEPT
    SELECT f.[key] FROM @embedded2 AS f;
    SET @found += @@ROWCOUNT;
END
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE x SET x.[twig] = NULL
FROM [app].[Node] AS x WHERE x.[twig] IN (SELECT k.[key] FROM @keys AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE t FROM [app].[Twig] AS t WHERE t.[_realm_object_id] IN (SELECT k.[key] FROM @keys AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE x SET x.[top] = NULL
FROM [app].[Tree] AS x WHERE x.[top] IN (SELECT k.[key] FROM @embedded1 AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE x SET x.[_target] = NULL
FROM [app].[Tree__tops] AS x WHERE x.[_target] IN (SELECT k.[key] FROM @embedded1 AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE x SET x.[next] = NULL
FROM [app].[Node] AS x WHERE x.[next] IN (SELECT k.[key] FROM @embedded1 AS k);
DECLARE @affected1 TABLE ([owner] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL);
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE l OUTPUT deleted.[_owner] INTO @affected1 ([owner])
FROM [app].[Node__children] AS l WHERE l.[_target] IN (SELECT k.[key] FROM @embedded1 AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE l SET l.[_position] = r.[rank]
FROM [app].[Node__children] AS l
INNER JOIN (SELECT c.[_owner], c.[_position], CAST(ROW_NUMBER() OVER (PARTITION BY c.[_owner] ORDER BY c.[_position]) - 1 AS int) AS [rank]
    FROM [app].[Node__children] AS c WHERE c.[_owner] IN (SELECT a.[owner] FROM @affected1 AS a)) AS r
    ON r.[_owner] = l.[_owner] AND r.[_position] = l.[_position]
WHERE l.[_position] <> r.[rank];
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE x SET x.[back] = NULL
FROM [app].[Twig] AS x WHERE x.[back] IN (SELECT k.[key] FROM @embedded1 AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE c FROM [app].[Node__children] AS c WHERE c.[_owner] IN (SELECT k.[key] FROM @embedded1 AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE c FROM [app].[Node__weights] AS c WHERE c.[_owner] IN (SELECT k.[key] FROM @embedded1 AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE t FROM [app].[Node] AS t WHERE t.[_realm_object_id] IN (SELECT k.[key] FROM @embedded1 AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE x SET x.[twig] = NULL
FROM [app].[Node] AS x WHERE x.[twig] IN (SELECT k.[key] FROM @embedded2 AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE t FROM [app].[Twig] AS t WHERE t.[_realm_object_id] IN (SELECT k.[key] FROM @embedded2 AS k);
GO
CREATE PROCEDURE [realmsync].[app.Order$delete]
    @context varbinary(128),
    @keys [realmsync].[keys$bigint] READONLY
AS
SET NOCOUNT ON;
DECLARE @embedded1 [realmsync].[keys$nvarchar64];
INSERT INTO @embedded1 ([key])
SELECT e1.[shipTo] FROM [app].[Order] AS e1 WHERE e1.[shipTo] IS NOT NULL AND e1.[number] IN (SELECT k.[key] FROM @keys AS k)
UNION
SELECT e2.[billTo] FROM [app].[Order] AS e2 WHERE e2.[billTo] IS NOT NULL AND e2.[number] IN (SELECT k.[key] FROM @keys AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE t FROM [app].[Order] AS t WHERE t.[number] IN (SELECT k.[key] FROM @keys AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE x SET x.[shipTo] = NULL
FROM [app].[Order] AS x WHERE x.[shipTo] IN (SELECT k.[key] FROM @embedded1 AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE x SET x.[billTo] = NULL
FROM [app].[Order] AS x WHERE x.[billTo] IN (SELECT k.[key] FROM @embedded1 AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE c FROM [app].[Address__lines] AS c WHERE c.[_owner] IN (SELECT k.[key] FROM @embedded1 AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE t FROM [app].[Address] AS t WHERE t.[_realm_object_id] IN (SELECT k.[key] FROM @embedded1 AS k);
GO
CREATE PROCEDURE [realmsync].[app.Address$delete]
    @context varbinary(128),
    @keys [realmsync].[keys$nvarchar64] READONLY
AS
SET NOCOUNT ON;
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE x SET x.[shipTo] = NULL
FROM [app].[Order] AS x WHERE x.[shipTo] IN (SELECT k.[key] FROM @keys AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
UPDATE x SET x.[billTo] = NULL
FROM [app].[Order] AS x WHERE x.[billTo] IN (SELECT k.[key] FROM @keys AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE c FROM [app].[Address__lines] AS c WHERE c.[_owner] IN (SELECT k.[key] FROM @keys AS k);
WITH CHANGE_TRACKING_CONTEXT (@context)
DELETE t FROM [app].[Address] AS t WHERE t.[_realm_object_id] IN (SELECT k.[key] FROM @keys AS k);
