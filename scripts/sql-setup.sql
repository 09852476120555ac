/*
RealmSqlServer: prepare a database for the connector (README.md, "Installing the service (DBA guide)").
Run it as sysadmin (it creates a login), in the connector's database, after 'realm-sqlserver install' (or
deploy.sql) has created the catalog schema realmsync:

  sqlcmd -S <server> -d <database> -b -i scripts/sql-setup.sql \
      -v ConnectorLogin="realm_sqlserver" ConnectorPassword="<a strong password>" DataSchema="dbo"

sqlcmd variables (in SSMS, turn on SQLCMD mode and set them with :setvar, or replace them by hand):
  ConnectorLogin     the SQL login the connector uses (created when missing)
  ConnectorPassword  its password; leave it empty ("") to skip creating the login (a Windows or Entra login
                     that exists already). It must not contain a single quote.
  DataSchema         the SQL schema of the generated tables (RealmSqlServer:SqlServer:Schema); it must exist.

It is idempotent: what exists is left alone, and running it again grants nothing new. It grants the role
realmsync_connector exactly what the connector needs (Operations/RequiredPermissions.cs; 'realm-sqlserver
doctor' checks the same list), and nothing more:
  - on schema realmsync (the catalog, the applier's table types and procedures): SELECT, INSERT, UPDATE,
    DELETE, EXECUTE, and ALTER (schema changes redeploy the applier's procedures and types there);
  - on the data schema: SELECT, INSERT, UPDATE, DELETE, VIEW CHANGE TRACKING, and ALTER (schema changes);
  - on the database: CREATE TABLE, CREATE TYPE, CREATE PROCEDURE (schema changes).
With Schema:ApplyMode = script the three CREATE permissions and both ALTERs may be revoked: a DBA then
runs the schema scripts.
*/
SET NOCOUNT ON;
SET XACT_ABORT ON;

IF SCHEMA_ID(N'realmsync') IS NULL
BEGIN
    RAISERROR(N'Schema realmsync is absent: run "realm-sqlserver install --enable-change-tracking" (or deploy.sql) first, then this script.', 16, 1);
    SET NOEXEC ON;
END
IF SCHEMA_ID(N'$(DataSchema)') IS NULL
BEGIN
    RAISERROR(N'The data schema [$(DataSchema)] does not exist: create it (CREATE SCHEMA ... AUTHORIZATION dbo) or deploy the generated tables first.', 16, 1);
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

-- The login (server level) and its user in this database. The user's default schema is the data schema,
-- where a clustered connector's Quartz tables (QRTZ_*) are created at first start.
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

-- The least-privilege role.
IF DATABASE_PRINCIPAL_ID(N'realmsync_connector') IS NULL
BEGIN
    PRINT N'Creating role [realmsync_connector]...';
    CREATE ROLE [realmsync_connector] AUTHORIZATION [dbo];
END
GO
GRANT SELECT, INSERT, UPDATE, DELETE, EXECUTE, ALTER ON SCHEMA::[realmsync] TO [realmsync_connector];
GRANT SELECT, INSERT, UPDATE, DELETE, VIEW CHANGE TRACKING, ALTER ON SCHEMA::[$(DataSchema)] TO [realmsync_connector];
GRANT CREATE TABLE, CREATE TYPE, CREATE PROCEDURE TO [realmsync_connector];
GO
IF IS_ROLEMEMBER(N'realmsync_connector', N'$(ConnectorLogin)') = 0
BEGIN
    PRINT N'Adding [$(ConnectorLogin)] to [realmsync_connector]...';
    ALTER ROLE [realmsync_connector] ADD MEMBER [$(ConnectorLogin)];
END
GO
SET NOEXEC OFF;
PRINT N'RealmSqlServer: database ready for login [$(ConnectorLogin)]. Check it with: realm-sqlserver doctor';
GO
