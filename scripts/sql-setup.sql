/*
RealmSqlServer: prepare a database for the connector (README.md, "Installing the service (DBA guide)").
Run it as sysadmin (it creates a login), in the connector's database, after 'realm-sqlserver install' (or
deploy.sql) has created the catalog schema realmsync and mapped the tables (SqlFirst.Tables included):

  sqlcmd -S <server> -d <database> -b -i scripts/sql-setup.sql \
      -v ConnectorLogin="realm_sqlserver" ConnectorPassword="<a strong password>" DataSchema="app" ApplyMode="auto"

sqlcmd variables (all four must be given; in SSMS, turn on SQLCMD mode and set them, or replace them by hand):
  ConnectorLogin     the SQL login the connector uses (created when missing)
  ConnectorPassword  its password; leave it empty ("") to skip creating the login (a Windows or Entra login
                     that exists already). It must not contain a single quote.
  DataSchema         the SQL schema of the generated tables (RealmSqlServer:SqlServer:Schema); it must exist.
  ApplyMode          the connector's RealmSqlServer:Schema:ApplyMode: auto (the connector deploys schema
                     changes: ALTER, REFERENCES and the CREATE permissions are granted) or script (a DBA runs
                     the schema scripts: those permissions are revoked).

It is idempotent: what exists is left alone, and running it again grants nothing new. Run it again after
'install' maps SqlFirst.Tables of a new schema, and with the other ApplyMode to switch modes. It grants the
role realmsync_connector exactly what the connector needs (Operations/RequiredPermissions.cs;
'realm-sqlserver doctor' checks the same list for the configured apply mode), and nothing more:
  - on schema realmsync (the catalog, the applier's table types and procedures, the Quartz tables of a
    clustered connector): SELECT, INSERT, UPDATE, DELETE, EXECUTE; with auto also ALTER (schema changes
    redeploy the applier's procedures and types there) and REFERENCES (a procedure that takes a table type
    can only be created with REFERENCES on the type by a principal that does not own it);
  - on the data schema: SELECT, INSERT, UPDATE, DELETE, VIEW CHANGE TRACKING; with auto also ALTER;
  - on every other schema of realmsync.MappedRealm: a realm-first path's schema as the data schema; a
    SQL-first path's schema SELECT and VIEW CHANGE TRACKING only (the connector reads those tables and never
    writes or alters them);
  - on the database, with auto only: CREATE TABLE, CREATE TYPE, CREATE PROCEDURE.

Ownership. Schema realmsync is handed to realmsync_owner, a user without login created here, so that a
procedure the connector creates there runs with that user's ownership chain, which reaches only what
realmsync_owner owns (realmsync itself), not every object dbo owns. Transferring a schema drops the
permissions granted on it: the script lists any granted to others, and grants the role's again after.
Objects of realmsync without an owner of their own (all the connector creates) follow the schema's owner.
With auto, ALTER on the data schema and CREATE PROCEDURE let the role create a procedure (or a trigger) in
the data schema, owned by that schema's owner, whose statements reach every object of that owner: the
script warns when the data schema is not owned by realmsync_owner (with dbo: nearly the whole database).
Give the generated tables a schema of their own owned by realmsync_owner, or use ApplyMode script.
*/
SET NOCOUNT ON;
SET XACT_ABORT ON;

IF N'$(ApplyMode)' NOT IN (N'auto', N'script')
BEGIN
    RAISERROR(N'ApplyMode must be auto or script (the connector''s RealmSqlServer:Schema:ApplyMode), not "$(ApplyMode)".', 16, 1);
    SET NOEXEC ON;
END
IF OBJECT_ID(N'[realmsync].[MappedRealm]', N'U') IS NULL
BEGIN
    RAISERROR(N'The catalog (schema realmsync) is absent: run "realm-sqlserver install --enable-change-tracking" (or deploy.sql) first, then this script.', 16, 1);
    SET NOEXEC ON;
END
IF SCHEMA_ID(N'$(DataSchema)') IS NULL
BEGIN
    RAISERROR(N'The data schema [$(DataSchema)] does not exist: create it (CREATE SCHEMA [$(DataSchema)], owned by realmsync_owner: see the warning of this script) or deploy the generated tables first.', 16, 1);
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

-- The login (server level) and its user in this database, whose default schema is the data schema.
IF N'$(ConnectorPassword)' <> N'' AND SUSER_ID(N'$(ConnectorLogin)') IS NULL
BEGIN
    PRINT N'Creating login [$(ConnectorLogin)]...';
    CREATE LOGIN [$(ConnectorLogin)] WITH PASSWORD = N'$(ConnectorPassword)', CHECK_POLICY = ON;
END
IF DATABASE_PRINCIPAL_ID(N'$(ConnectorLogin)') IS NULL
BEGIN
    PRINT N'Creating user [$(ConnectorLogin)]...';
    CREATE USER [$(ConnectorLogin)] FOR LOGIN [$(ConnectorLogin)] WITH DEFAULT_SCHEMA = [$(DataSchema)];
END
GO

-- The owner of schema realmsync: a user without login, which nobody can connect as.
IF DATABASE_PRINCIPAL_ID(N'realmsync_owner') IS NULL
BEGIN
    PRINT N'Creating user [realmsync_owner] (without login) to own schema realmsync...';
    CREATE USER [realmsync_owner] WITHOUT LOGIN;
END
GO
IF (SELECT s.[principal_id] FROM sys.schemas AS s WHERE s.[name] = N'realmsync') <> DATABASE_PRINCIPAL_ID(N'realmsync_owner')
BEGIN
    DECLARE @dropped nvarchar(max) = (
        SELECT STRING_AGG(CAST(p.[state_desc] + N' ' + p.[permission_name] + N' to ' + QUOTENAME(USER_NAME(p.[grantee_principal_id])) AS nvarchar(max)), N', ')
        FROM sys.database_permissions AS p
        WHERE p.[class] = 3 AND p.[major_id] = SCHEMA_ID(N'realmsync') AND p.[grantee_principal_id] <> DATABASE_PRINCIPAL_ID(N'realmsync_connector'));
    IF @dropped IS NOT NULL
        PRINT N'Warning: handing schema realmsync to [realmsync_owner] drops these permissions on it: ' + @dropped + N'. Grant again those still wanted.';
    PRINT N'Handing schema realmsync to [realmsync_owner]...';
    ALTER AUTHORIZATION ON SCHEMA::[realmsync] TO [realmsync_owner];
END
DECLARE @owned nvarchar(max) = (
    SELECT STRING_AGG(CAST(QUOTENAME(o.[name]) + N' (owner ' + QUOTENAME(USER_NAME(o.[principal_id])) + N')' AS nvarchar(max)), N', ')
    FROM sys.objects AS o
    WHERE o.[schema_id] = SCHEMA_ID(N'realmsync') AND o.[principal_id] IS NOT NULL AND o.[principal_id] <> DATABASE_PRINCIPAL_ID(N'realmsync_owner'));
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
END
ELSE
BEGIN
    PRINT N'ApplyMode script: the role gets no ALTER, REFERENCES or CREATE permission (revoked where granted before).';
    REVOKE ALTER, REFERENCES ON SCHEMA::[realmsync] FROM [realmsync_connector];
    REVOKE ALTER ON SCHEMA::[$(DataSchema)] FROM [realmsync_connector];
    REVOKE CREATE TABLE, CREATE TYPE, CREATE PROCEDURE FROM [realmsync_connector];
END
GO

-- Every other schema the catalog maps. The statements are templates ({schema} is replaced by the quoted name)
-- because a GRANT takes no variable.
DECLARE @write nvarchar(max) = N'GRANT SELECT, INSERT, UPDATE, DELETE, VIEW CHANGE TRACKING ON SCHEMA::{schema} TO [realmsync_connector];';
DECLARE @alter nvarchar(max) = N'REVOKE ALTER ON SCHEMA::{schema} FROM [realmsync_connector];';
IF N'$(ApplyMode)' = N'auto'
    SET @alter = N'GRANT ALTER ON SCHEMA::{schema} TO [realmsync_connector];';
DECLARE @read nvarchar(max) = N'GRANT SELECT, VIEW CHANGE TRACKING ON SCHEMA::{schema} TO [realmsync_connector];';
DECLARE @schema sysname, @mode varchar(16), @sql nvarchar(max);
DECLARE [mapped] CURSOR LOCAL FAST_FORWARD FOR
    SELECT DISTINCT r.[SqlSchema], r.[MappingMode]
    FROM [realmsync].[MappedRealm] AS r
    WHERE r.[SqlSchema] <> N'$(DataSchema)' AND SCHEMA_ID(r.[SqlSchema]) IS NOT NULL;
OPEN [mapped];
FETCH NEXT FROM [mapped] INTO @schema, @mode;
WHILE @@FETCH_STATUS = 0
BEGIN
    SET @sql = REPLACE(CASE WHEN @mode = 'realm-first' THEN @write + N' ' + @alter ELSE @read END, N'{schema}', QUOTENAME(@schema));
    PRINT N'Granting on schema ' + QUOTENAME(@schema) + N' (mapped ' + @mode + N')...';
    EXEC sys.sp_executesql @sql;
    FETCH NEXT FROM [mapped] INTO @schema, @mode;
END
CLOSE [mapped];
DEALLOCATE [mapped];
GO

-- The reach of ALTER on the data schema (see the header).
DECLARE @dataOwner sysname = (SELECT USER_NAME(s.[principal_id]) FROM sys.schemas AS s WHERE s.[name] = N'$(DataSchema)');
IF N'$(ApplyMode)' = N'auto' AND @dataOwner <> N'realmsync_owner'
    PRINT N'Warning: the data schema [$(DataSchema)] is owned by ' + QUOTENAME(@dataOwner) + N'. ALTER on it and CREATE PROCEDURE let the role create a procedure or trigger there, owned by '
        + QUOTENAME(@dataOwner) + N', whose statements reach every object ' + QUOTENAME(@dataOwner) + N' owns through ownership chaining'
        + CASE WHEN @dataOwner = N'dbo' THEN N' (with dbo: nearly every object of the database)' ELSE N'' END
        + N'. Keep the generated tables in a schema of their own owned by [realmsync_owner] (CREATE SCHEMA [app] AUTHORIZATION [realmsync_owner] before the first deployment,'
        + N' or ALTER AUTHORIZATION ON SCHEMA::[$(DataSchema)] TO [realmsync_owner] when it holds only the connector''s tables; that drops the permissions granted on it), or use ApplyMode script.';
GO
IF IS_ROLEMEMBER(N'realmsync_connector', N'$(ConnectorLogin)') = 0
BEGIN
    PRINT N'Adding [$(ConnectorLogin)] to [realmsync_connector]...';
    ALTER ROLE [realmsync_connector] ADD MEMBER [$(ConnectorLogin)];
END
GO
SET NOEXEC OFF;
IF OBJECT_ID(N'[realmsync].[MappedRealm]', N'U') IS NOT NULL AND IS_ROLEMEMBER(N'realmsync_connector', N'$(ConnectorLogin)') = 1
    PRINT N'RealmSqlServer: database ready for login [$(ConnectorLogin)] (ApplyMode $(ApplyMode)). Check it with: realm-sqlserver doctor';
GO
