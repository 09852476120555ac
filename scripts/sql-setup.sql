/*
RealmSqlServer: prepare a database for the connector (README.md, "Installing the service (DBA guide)").
Run it as sysadmin (it creates a login), in the connector's database, after 'realm-sqlserver install' (or
deploy.sql) has created the catalog schema realmsync and mapped the tables (SqlFirst.Tables included):

  sqlcmd -S <server> -d <database> -b -i scripts/sql-setup.sql \
      -v ConnectorLogin="realm_sqlserver" ConnectorPassword="<a strong password>" DataSchema="app" ApplyMode="auto"

sqlcmd variables (all four must be given; in SSMS, turn on SQLCMD mode and set them, or replace them by hand).
sqlcmd pastes them into the text, so none may hold a single quote, and ConnectorLogin and DataSchema no ] or "
either: the script stops, naming the variable, when one does.
  ConnectorLogin     the login the connector uses (a SQL login is created when missing). Its user in this
                     database is found by the login's SID, whatever its name; it must not be the database's
                     owner (mapped to dbo) or a sysadmin, which no role can restrict.
  ConnectorPassword  its password; leave it empty ("") to skip creating the login (a Windows or Entra login
                     that exists already).
  DataSchema         the SQL schema of the generated tables (RealmSqlServer:SqlServer:Schema); it must exist.
  ApplyMode          the connector's RealmSqlServer:Schema:ApplyMode: auto (the connector deploys schema
                     changes: ALTER, REFERENCES and the CREATE permissions are granted) or script (a DBA runs
                     the schema scripts: those permissions are revoked).

It runs on SQL Server 2016 (13.x) and later. It is idempotent: what exists is left alone, and running it again
grants nothing new. Run it again after 'install' maps SqlFirst.Tables, and with the other ApplyMode to switch
modes. It grants the role realmsync_connector exactly what the connector needs (Operations/RequiredPermissions.cs;
'realm-sqlserver doctor' checks the same list for the configured apply mode):
  - on schema realmsync (the catalog, the applier's table types and procedures, the Quartz tables of a
    clustered connector): SELECT, INSERT, UPDATE, DELETE, EXECUTE; with auto also ALTER (schema changes
    redeploy the applier's procedures and types there) and REFERENCES (a procedure that takes a table type
    can only be created with REFERENCES on the type by a principal that does not own it);
  - on the data schema and the schema of every realm-first path and partitioned mapping of
    realmsync.MappedRealm: SELECT, INSERT, UPDATE, DELETE, VIEW CHANGE TRACKING; with auto also ALTER (the
    connector creates tables there). These are schema-level grants: they reach every table of the schema, so
    the script warns when such a schema holds tables the catalog does not map;
  - on the schema <schema>_realm of every partitioned mapping (its per-Realm views, through which the applier's
    procedures write: they belong to another owner than the procedures, so SQL Server checks the caller there):
    SELECT, INSERT, UPDATE, DELETE; with auto also ALTER (schema growth creates and alters the views);
  - on each table of a SQL-first path (realmsync.MappedClass): SELECT and VIEW CHANGE TRACKING on that table
    only (the connector reads those tables and never writes or alters them). A schema only SQL-first paths map
    gets no schema-level grant (one an earlier version of this script gave is revoked);
  - on the database, with auto only: CREATE TABLE, CREATE TYPE, CREATE PROCEDURE, and CREATE VIEW when the
    catalog holds a partitioned mapping.

Ownership. Schema realmsync is handed to realmsync_owner, a user without login created here, so that a
procedure the connector creates there runs with that user's ownership chain, which reaches only what
realmsync_owner owns (realmsync itself), not every object dbo owns. Transferring a schema drops the
permissions granted on it: the script lists any granted to others, and grants the role's again after.
Objects of realmsync without an owner of their own (all the connector creates) follow the schema's owner.
With auto, ALTER on the data schema and CREATE PROCEDURE let the role create a procedure (or a trigger) in
the data schema, owned by that schema's owner, whose statements reach every object of that owner: the
script warns when the data schema is not owned by realmsync_owner (with dbo: nearly the whole database).
deploy.sql creates the data schema owned by dbo; once it and this script have run, and when the schema holds
only the connector's tables, hand it over with ALTER AUTHORIZATION ON SCHEMA::[<DataSchema>] TO [realmsync_owner];
and run this script again (the transfer drops the permissions granted on that schema). Or use ApplyMode script.
The same holds for a partitioned mapping's <schema>_realm (deploy.sql creates it owned by dbo; handed to
realmsync_owner, its views reach the shared tables with the role's own grants on them).
*/
SET NOCOUNT ON;
SET XACT_ABORT ON;
-- One guard batch per sqlcmd variable, each naming only its own: a single quote in a value breaks that batch's
-- N'...' literal, so it does not compile (SQL Server's own error) and records nothing, and the batch after the
-- guards names the variable whose check did not run; two quotes in a row read as one quoted quote, which the
-- guard finds. Nothing after them runs unless all four passed.
DROP TABLE IF EXISTS #realmsync_setup;
CREATE TABLE #realmsync_setup ([Step] sysname COLLATE DATABASE_DEFAULT NOT NULL PRIMARY KEY);
GO
IF N'$(ConnectorLogin)' = N'' OR CHARINDEX(N']', N'$(ConnectorLogin)') > 0 OR CHARINDEX(N'"', N'$(ConnectorLogin)') > 0 OR CHARINDEX(N'''', N'$(ConnectorLogin)') > 0
BEGIN
    RAISERROR(N'ConnectorLogin must name a login, without ], " or a single quote (the script writes it inside [brackets] and N''quotes'').', 16, 1);
    SET NOEXEC ON;
END
ELSE
    INSERT INTO #realmsync_setup ([Step]) VALUES (N'ConnectorLogin');
GO
IF CHARINDEX(N'''', N'$(ConnectorPassword)') > 0
BEGIN
    RAISERROR(N'ConnectorPassword must not hold a single quote (the script writes it inside N''quotes'').', 16, 1);
    SET NOEXEC ON;
END
ELSE
    INSERT INTO #realmsync_setup ([Step]) VALUES (N'ConnectorPassword');
GO
IF N'$(DataSchema)' = N'' OR CHARINDEX(N']', N'$(DataSchema)') > 0 OR CHARINDEX(N'"', N'$(DataSchema)') > 0 OR CHARINDEX(N'''', N'$(DataSchema)') > 0
BEGIN
    RAISERROR(N'DataSchema must name a schema, without ], " or a single quote (the script writes it inside [brackets] and N''quotes'').', 16, 1);
    SET NOEXEC ON;
END
ELSE
    INSERT INTO #realmsync_setup ([Step]) VALUES (N'DataSchema');
GO
IF N'$(ApplyMode)' NOT IN (N'auto', N'script')
BEGIN
    RAISERROR(N'ApplyMode must be auto or script (the connector''s RealmSqlServer:Schema:ApplyMode), not "$(ApplyMode)".', 16, 1);
    SET NOEXEC ON;
END
ELSE
    INSERT INTO #realmsync_setup ([Step]) VALUES (N'ApplyMode');
GO
DECLARE @unchecked nvarchar(200) = STUFF((
    SELECT N', ' + v.[Step]
    FROM (VALUES (N'ConnectorLogin'), (N'ConnectorPassword'), (N'DataSchema'), (N'ApplyMode')) AS v ([Step])
    WHERE NOT EXISTS (SELECT 1 FROM #realmsync_setup AS s WHERE s.[Step] = v.[Step])
    FOR XML PATH(N''), TYPE).value(N'.', N'nvarchar(200)'), 1, 2, N'');
IF @unchecked IS NOT NULL
BEGIN
    RAISERROR(N'The check of the sqlcmd variable %s did not compile (see the error above): its value holds a single quote, which the script cannot take. Choose a value without a single quote (and, for ConnectorLogin and DataSchema, without ] or ").', 16, 1, @unchecked);
    SET NOEXEC ON;
END
GO
IF OBJECT_ID(N'[realmsync].[MappedRealm]', N'U') IS NULL
BEGIN
    RAISERROR(N'The catalog (schema realmsync) is absent: run "realm-sqlserver install --enable-change-tracking" (or deploy.sql) first, then this script.', 16, 1);
    SET NOEXEC ON;
END
IF SCHEMA_ID(N'$(DataSchema)') IS NULL
BEGIN
    RAISERROR(N'The data schema [$(DataSchema)] does not exist: deploy the generated tables first (deploy.sql creates it), or create it with CREATE SCHEMA [$(DataSchema)].', 16, 1);
    SET NOEXEC ON;
END
GO

-- Database options, as scripts/enable-change-tracking.sql: nothing else is changed.
IF NOT EXISTS (SELECT 1 FROM sys.change_tracking_databases WHERE database_id = DB_ID())
BEGIN
    PRINT N'Turning Change Tracking on (retention 2 days, auto cleanup on)...';
    ALTER DATABASE CURRENT SET CHANGE_TRACKING = ON (CHANGE_RETENTION = 2 DAYS, AUTO_CLEANUP = ON);
END
IF NOT EXISTS (SELECT 1 FROM sys.databases WHERE database_id = DB_ID() AND snapshot_isolation_state = 1)
BEGIN
    PRINT N'Turning ALLOW_SNAPSHOT_ISOLATION on...';
    ALTER DATABASE CURRENT SET ALLOW_SNAPSHOT_ISOLATION ON;
END
GO

-- The login (server level) and its user in this database, whose default schema is the data schema. The user is
-- found by the login's SID, not by name: a login may be mapped to a user of another name (the database owner's
-- login to dbo), and CREATE USER for a login that already has a user fails (Msg 15063).
IF N'$(ConnectorPassword)' <> N'' AND SUSER_ID(N'$(ConnectorLogin)') IS NULL
BEGIN
    PRINT N'Creating login [$(ConnectorLogin)]...';
    CREATE LOGIN [$(ConnectorLogin)] WITH PASSWORD = N'$(ConnectorPassword)', CHECK_POLICY = ON;
END
GO
IF SUSER_SID(N'$(ConnectorLogin)') IS NULL
BEGIN
    RAISERROR(N'The login [$(ConnectorLogin)] does not exist: give ConnectorPassword to create it as a SQL login, or create the Windows or Entra login first.', 16, 1);
    SET NOEXEC ON;
END
ELSE IF IS_SRVROLEMEMBER(N'sysadmin', N'$(ConnectorLogin)') = 1
BEGIN
    RAISERROR(N'The login [$(ConnectorLogin)] is a sysadmin, whom no role can restrict: give the connector a login of its own.', 16, 1);
    SET NOEXEC ON;
END
ELSE IF EXISTS (SELECT 1 FROM sys.database_principals AS p WHERE p.[sid] = SUSER_SID(N'$(ConnectorLogin)') AND p.[principal_id] = 1)
BEGIN
    RAISERROR(N'The login [$(ConnectorLogin)] owns this database (it is mapped to the user dbo): the owner needs no role, and must not be the connector''s login. Give the connector a login of its own (or make another login the owner: ALTER AUTHORIZATION ON DATABASE::[<database>] TO [<login>]).', 16, 1);
    SET NOEXEC ON;
END
ELSE IF NOT EXISTS (SELECT 1 FROM sys.database_principals AS p WHERE p.[sid] = SUSER_SID(N'$(ConnectorLogin)'))
BEGIN
    IF DATABASE_PRINCIPAL_ID(N'$(ConnectorLogin)') IS NOT NULL
    BEGIN
        RAISERROR(N'This database has a user or role named [$(ConnectorLogin)] that is not mapped to the login [$(ConnectorLogin)] (an orphaned user after a restore?): map it with ALTER USER [$(ConnectorLogin)] WITH LOGIN = [$(ConnectorLogin)], or drop it, and run this script again.', 16, 1);
        SET NOEXEC ON;
    END
    ELSE
    BEGIN
        PRINT N'Creating user [$(ConnectorLogin)]...';
        CREATE USER [$(ConnectorLogin)] FOR LOGIN [$(ConnectorLogin)] WITH DEFAULT_SCHEMA = [$(DataSchema)];
    END
END
GO

-- The owner of schema realmsync: a user without login, which nobody can connect as.
IF DATABASE_PRINCIPAL_ID(N'realmsync_owner') IS NULL
BEGIN
    PRINT N'Creating user [realmsync_owner] (without login) to own schema realmsync...';
    CREATE USER [realmsync_owner] WITHOUT LOGIN;
END
GO
-- The lists below are joined with FOR XML PATH and STUFF, which SQL Server 2016 has (STRING_AGG came with 2017).
IF (SELECT s.[principal_id] FROM sys.schemas AS s WHERE s.[name] = N'realmsync') <> DATABASE_PRINCIPAL_ID(N'realmsync_owner')
BEGIN
    DECLARE @dropped nvarchar(max) = STUFF((
        SELECT N', ' + p.[state_desc] + N' ' + p.[permission_name] + N' to ' + QUOTENAME(USER_NAME(p.[grantee_principal_id]))
        FROM sys.database_permissions AS p
        WHERE p.[class] = 3 AND p.[major_id] = SCHEMA_ID(N'realmsync') AND p.[grantee_principal_id] <> DATABASE_PRINCIPAL_ID(N'realmsync_connector')
        FOR XML PATH(N''), TYPE).value(N'.', N'nvarchar(max)'), 1, 2, N'');
    IF @dropped IS NOT NULL
        PRINT N'Warning: handing schema realmsync to [realmsync_owner] drops these permissions on it: ' + @dropped + N'. Grant again those still wanted.';
    PRINT N'Handing schema realmsync to [realmsync_owner]...';
    ALTER AUTHORIZATION ON SCHEMA::[realmsync] TO [realmsync_owner];
END
DECLARE @owned nvarchar(max) = STUFF((
    SELECT N', ' + QUOTENAME(o.[name]) + N' (owner ' + QUOTENAME(USER_NAME(o.[principal_id])) + N')'
    FROM sys.objects AS o
    WHERE o.[schema_id] = SCHEMA_ID(N'realmsync') AND o.[principal_id] IS NOT NULL AND o.[principal_id] <> DATABASE_PRINCIPAL_ID(N'realmsync_owner')
    FOR XML PATH(N''), TYPE).value(N'.', N'nvarchar(max)'), 1, 2, N'');
IF @owned IS NOT NULL
    PRINT N'Warning: these objects of schema realmsync have an owner of their own and keep it: ' + @owned + N'. Hand each to the schema''s owner with ALTER AUTHORIZATION ON OBJECT::[realmsync].[<name>] TO SCHEMA OWNER.';
GO

-- The least-privilege role.
IF DATABASE_PRINCIPAL_ID(N'realmsync_connector') IS NULL
BEGIN
    PRINT N'Creating role [realmsync_connector]...';
    CREATE ROLE [realmsync_connector] AUTHORIZATION [dbo];
END
GO
GRANT SELECT, INSERT, UPDATE, DELETE, EXECUTE ON SCHEMA::[realmsync] TO [realmsync_connector];
GRANT SELECT, INSERT, UPDATE, DELETE, VIEW CHANGE TRACKING ON SCHEMA::[$(DataSchema)] TO [realmsync_connector];
IF N'$(ApplyMode)' = N'auto'
BEGIN
    GRANT ALTER, REFERENCES ON SCHEMA::[realmsync] TO [realmsync_connector];
    GRANT ALTER ON SCHEMA::[$(DataSchema)] TO [realmsync_connector];
    GRANT CREATE TABLE, CREATE TYPE, CREATE PROCEDURE TO [realmsync_connector];
    IF EXISTS (SELECT 1 FROM [realmsync].[MappedRealm] AS r WHERE r.[MappingMode] = 'partitioned')
        GRANT CREATE VIEW TO [realmsync_connector];
END
ELSE
BEGIN
    PRINT N'ApplyMode script: the role gets no ALTER, REFERENCES or CREATE permission (revoked where granted before).';
    REVOKE ALTER, REFERENCES ON SCHEMA::[realmsync] FROM [realmsync_connector];
    REVOKE ALTER ON SCHEMA::[$(DataSchema)] FROM [realmsync_connector];
    REVOKE CREATE TABLE, CREATE TYPE, CREATE PROCEDURE, CREATE VIEW FROM [realmsync_connector];
END
GO

-- Every other schema the catalog maps, the per-Realm views of each partitioned mapping, and every SQL-first table.
-- The statements are templates ({schema} and {table} are replaced by quoted names) because a GRANT takes no
-- variable. A realm-first or partitioned mapping's schema is written as the data schema is. A schema that only
-- SQL-first paths map gets no schema-level grant, because its other tables are not the connector's (an earlier
-- version of this script granted SELECT and VIEW CHANGE TRACKING on it: revoked here); each SQL-first table is
-- granted on its own. The paths registered under a partitioned mapping ('partition') share its schema.
DECLARE @write nvarchar(max) = N'GRANT SELECT, INSERT, UPDATE, DELETE, VIEW CHANGE TRACKING ON SCHEMA::{schema} TO [realmsync_connector];';
DECLARE @alter nvarchar(max) = N'REVOKE ALTER ON SCHEMA::{schema} FROM [realmsync_connector];';
IF N'$(ApplyMode)' = N'auto'
    SET @alter = N'GRANT ALTER ON SCHEMA::{schema} TO [realmsync_connector];';
DECLARE @unread nvarchar(max) = N'REVOKE SELECT, VIEW CHANGE TRACKING ON SCHEMA::{schema} FROM [realmsync_connector];';
DECLARE @read nvarchar(max) = N'GRANT SELECT, VIEW CHANGE TRACKING ON OBJECT::{table} TO [realmsync_connector];';
DECLARE @views nvarchar(max) = N'GRANT SELECT, INSERT, UPDATE, DELETE ON SCHEMA::{schema} TO [realmsync_connector];';
DECLARE @schema sysname, @written int, @table nvarchar(300), @sql nvarchar(max);
DECLARE [mapped] CURSOR LOCAL FAST_FORWARD FOR
    SELECT r.[SqlSchema], MAX(CASE WHEN r.[MappingMode] IN ('realm-first', 'partitioned') THEN 1 ELSE 0 END)
    FROM [realmsync].[MappedRealm] AS r
    WHERE r.[MappingMode] <> 'partition' AND SCHEMA_ID(r.[SqlSchema]) IS NOT NULL AND SCHEMA_ID(r.[SqlSchema]) <> SCHEMA_ID(N'$(DataSchema)')
    GROUP BY r.[SqlSchema];
OPEN [mapped];
FETCH NEXT FROM [mapped] INTO @schema, @written;
WHILE @@FETCH_STATUS = 0
BEGIN
    SET @sql = REPLACE(CASE WHEN @written = 1 THEN @write + N' ' + @alter ELSE @unread END, N'{schema}', QUOTENAME(@schema));
    PRINT N'Schema ' + QUOTENAME(@schema) + CASE WHEN @written = 1 THEN N' (realm-first or partitioned): granting...' ELSE N' (SQL-first only): no schema-level grant...' END;
    EXEC sys.sp_executesql @sql;
    FETCH NEXT FROM [mapped] INTO @schema, @written;
END
CLOSE [mapped];
DEALLOCATE [mapped];
DECLARE [scopes] CURSOR LOCAL FAST_FORWARD FOR
    SELECT DISTINCT r.[SqlSchema] + N'_realm'
    FROM [realmsync].[MappedRealm] AS r
    WHERE r.[MappingMode] = 'partitioned' AND SCHEMA_ID(r.[SqlSchema] + N'_realm') IS NOT NULL;
OPEN [scopes];
FETCH NEXT FROM [scopes] INTO @schema;
WHILE @@FETCH_STATUS = 0
BEGIN
    SET @sql = REPLACE(@views + N' ' + @alter, N'{schema}', QUOTENAME(@schema));
    PRINT N'Schema ' + QUOTENAME(@schema) + N' (the per-Realm views of a partitioned mapping): granting...';
    EXEC sys.sp_executesql @sql;
    FETCH NEXT FROM [scopes] INTO @schema;
END
CLOSE [scopes];
DEALLOCATE [scopes];
DECLARE [tables] CURSOR LOCAL FAST_FORWARD FOR
    SELECT DISTINCT QUOTENAME(r.[SqlSchema]) + N'.' + QUOTENAME(c.[SqlTable])
    FROM [realmsync].[MappedClass] AS c
    JOIN [realmsync].[MappedRealm] AS r ON r.[RealmId] = c.[RealmId]
    WHERE r.[MappingMode] = 'sql-first' AND OBJECT_ID(QUOTENAME(r.[SqlSchema]) + N'.' + QUOTENAME(c.[SqlTable]), N'U') IS NOT NULL;
OPEN [tables];
FETCH NEXT FROM [tables] INTO @table;
WHILE @@FETCH_STATUS = 0
BEGIN
    SET @sql = REPLACE(@read, N'{table}', @table);
    PRINT N'SQL-first table ' + @table + N': granting SELECT, VIEW CHANGE TRACKING...';
    EXEC sys.sp_executesql @sql;
    FETCH NEXT FROM [tables] INTO @table;
END
CLOSE [tables];
DEALLOCATE [tables];
GO

-- The reach of the schema-level grants: every table of the data schema, of the realm-first and partitioned schemas
-- and of the partitioned mappings' <schema>_realm (which holds views only), in both apply modes (SELECT, INSERT,
-- UPDATE, DELETE; with auto ALTER too). Tables there the catalog does not map are not the connector's, yet the
-- role reaches them.
DECLARE @unmapped nvarchar(max) = STUFF((
    SELECT N', ' + QUOTENAME(s.[name]) + N'.' + QUOTENAME(t.[name])
    FROM sys.tables AS t
    JOIN sys.schemas AS s ON s.[schema_id] = t.[schema_id]
    WHERE t.[is_ms_shipped] = 0
        AND (t.[schema_id] = SCHEMA_ID(N'$(DataSchema)')
            OR EXISTS (SELECT 1 FROM [realmsync].[MappedRealm] AS r WHERE r.[MappingMode] IN ('realm-first', 'partitioned') AND SCHEMA_ID(r.[SqlSchema]) = t.[schema_id])
            OR EXISTS (SELECT 1 FROM [realmsync].[MappedRealm] AS r WHERE r.[MappingMode] = 'partitioned' AND SCHEMA_ID(r.[SqlSchema] + N'_realm') = t.[schema_id]))
        AND NOT EXISTS (
            SELECT 1 FROM [realmsync].[MappedClass] AS c JOIN [realmsync].[MappedRealm] AS r ON r.[RealmId] = c.[RealmId]
            WHERE OBJECT_ID(QUOTENAME(r.[SqlSchema]) + N'.' + QUOTENAME(c.[SqlTable]), N'U') = t.[object_id])
        AND NOT EXISTS (
            SELECT 1 FROM [realmsync].[MappedProperty] AS p JOIN [realmsync].[MappedRealm] AS r ON r.[RealmId] = p.[RealmId]
            WHERE p.[SqlTable] IS NOT NULL AND OBJECT_ID(QUOTENAME(r.[SqlSchema]) + N'.' + QUOTENAME(p.[SqlTable]), N'U') = t.[object_id])
    ORDER BY s.[name], t.[name]
    FOR XML PATH(N''), TYPE).value(N'.', N'nvarchar(max)'), 1, 2, N'');
IF @unmapped IS NOT NULL
    PRINT N'Warning: the role''s schema-level grants (SELECT, INSERT, UPDATE, DELETE, VIEW CHANGE TRACKING'
        + CASE WHEN N'$(ApplyMode)' = N'auto' THEN N', ALTER' ELSE N'' END
        + N') reach these tables, which the catalog does not map and are not the connector''s: ' + @unmapped
        + N'. Move them to another schema (ALTER SCHEMA [<other>] TRANSFER [<schema>].[<table>]), or keep the generated tables in a schema of their own.';

-- The reach of ALTER on the data schema (see the header).
DECLARE @dataOwner sysname = (SELECT USER_NAME(s.[principal_id]) FROM sys.schemas AS s WHERE s.[schema_id] = SCHEMA_ID(N'$(DataSchema)'));
IF N'$(ApplyMode)' = N'auto' AND @dataOwner <> N'realmsync_owner'
    PRINT N'Warning: the data schema [$(DataSchema)] is owned by ' + QUOTENAME(@dataOwner) + N'. ALTER on it and CREATE PROCEDURE let the role create a procedure or trigger there, owned by '
        + QUOTENAME(@dataOwner) + N', whose statements reach every object ' + QUOTENAME(@dataOwner) + N' owns through ownership chaining'
        + CASE WHEN @dataOwner = N'dbo' THEN N' (with dbo: nearly every object of the database)' ELSE N'' END
        + N'. When the schema holds only the connector''s tables, hand it to [realmsync_owner] with ALTER AUTHORIZATION ON SCHEMA::[$(DataSchema)] TO [realmsync_owner];'
        + N' and run this script again (the transfer drops the permissions granted on the schema; views or procedures of ' + QUOTENAME(@dataOwner)
        + N' elsewhere that read its tables lose their ownership chain). Or use ApplyMode script.';

-- The same reach through ALTER on a partitioned mapping's <schema>_realm (with CREATE VIEW and CREATE PROCEDURE).
DECLARE @scopes nvarchar(max) = STUFF((
    SELECT N', ' + QUOTENAME(s.[name]) + N' (owner ' + QUOTENAME(USER_NAME(s.[principal_id])) + N')'
    FROM sys.schemas AS s
    WHERE s.[principal_id] <> DATABASE_PRINCIPAL_ID(N'realmsync_owner')
        AND EXISTS (SELECT 1 FROM [realmsync].[MappedRealm] AS r WHERE r.[MappingMode] = 'partitioned' AND SCHEMA_ID(r.[SqlSchema] + N'_realm') = s.[schema_id])
    ORDER BY s.[name]
    FOR XML PATH(N''), TYPE).value(N'.', N'nvarchar(max)'), 1, 2, N'');
IF N'$(ApplyMode)' = N'auto' AND @scopes IS NOT NULL
    PRINT N'Warning: the per-Realm view schemas ' + @scopes + N' are not owned by [realmsync_owner]. ALTER on them and CREATE PROCEDURE let the role create a procedure there whose statements reach every object of that owner through ownership chaining.'
        + N' Once deploy.sql and this script have run, hand each to [realmsync_owner] with ALTER AUTHORIZATION ON SCHEMA::[<schema>_realm] TO [realmsync_owner]; and run this script again'
        + N' (the views then reach the shared tables with the role''s own grants on them). Or use ApplyMode script.';
GO

-- The role membership, for the login's user whatever its name.
DECLARE @user sysname, @userId int;
SELECT @user = p.[name], @userId = p.[principal_id] FROM sys.database_principals AS p WHERE p.[sid] = SUSER_SID(N'$(ConnectorLogin)');
IF @userId IS NULL
BEGIN
    RAISERROR(N'No user of this database is mapped to the login [$(ConnectorLogin)]: see the messages above.', 16, 1);
    SET NOEXEC ON;
END
ELSE
BEGIN
    IF NOT EXISTS (SELECT 1 FROM sys.database_role_members AS m WHERE m.[role_principal_id] = DATABASE_PRINCIPAL_ID(N'realmsync_connector') AND m.[member_principal_id] = @userId)
    BEGIN
        PRINT N'Adding user ' + QUOTENAME(@user) + N' (login [$(ConnectorLogin)]) to [realmsync_connector]...';
        DECLARE @add nvarchar(400) = N'ALTER ROLE [realmsync_connector] ADD MEMBER ' + QUOTENAME(@user) + N';';
        EXEC sys.sp_executesql @add;
    END
    INSERT INTO #realmsync_setup ([Step]) VALUES (N'done');
END
GO
-- On its own, so that it runs even when a value broke the batch below.
SET NOEXEC OFF;
GO
IF EXISTS (SELECT 1 FROM #realmsync_setup AS s WHERE s.[Step] = N'done')
    PRINT N'RealmSqlServer: database ready for login [$(ConnectorLogin)] (ApplyMode $(ApplyMode)). Check it with: realm-sqlserver doctor';
GO
