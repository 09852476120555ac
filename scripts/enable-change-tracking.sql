/*
RealmSqlServer: turn on the two database settings the connector needs, on the current database.
Run it once, as a member of db_owner, before deploy.sql:  sqlcmd -b -d <database> -i enable-change-tracking.sql
It changes nothing else, and nothing that is already on. Change the retention to suit you: the connector
must poll at least once within it, or it falls back to re-sending whole tables.
*/
SET NOCOUNT ON;

IF NOT EXISTS (SELECT 1 FROM sys.change_tracking_databases WHERE database_id = DB_ID())
BEGIN
    PRINT N'Turning Change Tracking on (retention 2 days, auto cleanup on)...';
    ALTER DATABASE CURRENT SET CHANGE_TRACKING = ON (CHANGE_RETENTION = 2 DAYS, AUTO_CLEANUP = ON);
END
ELSE
    PRINT N'Change Tracking is already on.';

IF NOT EXISTS (SELECT 1 FROM sys.databases WHERE database_id = DB_ID() AND snapshot_isolation_state = 1)
BEGIN
    PRINT N'Turning ALLOW_SNAPSHOT_ISOLATION on...';
    ALTER DATABASE CURRENT SET ALLOW_SNAPSHOT_ISOLATION ON;
END
ELSE
    PRINT N'ALLOW_SNAPSHOT_ISOLATION is already on.';
