/*
RealmSqlServer: the tables of Quartz.NET's SQL Server job store, for a clustered connector
(RealmSqlServer:Scheduler:Clustered = true; README.md, "Installing the service (DBA guide)").
Run it as db_owner, in the connector's database, after 'realm-sqlserver install' (or deploy.sql) has created
the catalog schema realmsync; a connector that is not clustered needs none of it:

  sqlcmd -S <server> -d <database> -b -i scripts/quartz-tables.sql

The connector's job store reads and writes these tables as [realmsync].[QRTZ_*] (table prefix
'realmsync.QRTZ_', Connector/Scheduling/QuartzTables.cs) and never creates them itself, so its role needs
only SELECT, INSERT, UPDATE and DELETE on them, which scripts/sql-setup.sql grants on schema realmsync. At
start-up Quartz checks that every table and column it uses is there and refuses to start otherwise;
'realm-sqlserver doctor' checks the tables and the role's permissions on them.

It is idempotent: each statement creates only what is missing and nothing is dropped or altered, so running
it again changes nothing. It has no sqlcmd variables. The tables belong to the owner of schema realmsync.

Derived from Quartz.NET 4.7.3's SQL Server schema script (the resource
Quartz.Impl.AdoJobStore.Schema.create_sqlServer.sql of the Quartz 4.7.3 package, the script its job store
runs for SchemaProvisioning.CreateIfMissing; https://github.com/quartznet/quartznet).
Quartz.NET: Copyright Marko Lahma and the Quartz.NET contributors, licensed under the Apache License,
Version 2.0 (http://www.apache.org/licenses/LICENSE-2.0); distributed on an "AS IS" BASIS, WITHOUT
WARRANTIES OR CONDITIONS OF ANY KIND.
Changed from the original: the table prefix is substituted (tables in schema realmsync, names bracketed),
statements are separated by GO, and a first batch stops the script when schema realmsync is absent. The
tables, columns, keys and indexes are Quartz's own (Connector.Tests/Scheduling/QuartzTablesScriptTests.cs
holds them equal to the script inside the Quartz package the connector is built with). The last three
tables (EXECUTION_HISTORY, MISFIRE_HISTORY, JOB_STATUS) serve Quartz's optional execution history, which
the connector does not turn on; they are created as Quartz's own script creates them.
*/
SET NOCOUNT ON;
SET XACT_ABORT ON;

IF SCHEMA_ID(N'realmsync') IS NULL
BEGIN
    RAISERROR(N'Schema realmsync is absent: run "realm-sqlserver install" (or deploy.sql) first, then scripts/sql-setup.sql and this script.', 16, 1);
    SET NOEXEC ON;
END
GO
-- [realmsync].[QRTZ_JOB_DETAILS]
IF OBJECT_ID(N'[realmsync].[QRTZ_JOB_DETAILS]', N'U') IS NULL
BEGIN
  CREATE TABLE [realmsync].[QRTZ_JOB_DETAILS] (
    SCHED_NAME nvarchar(120) NOT NULL,
    JOB_NAME nvarchar(150) NOT NULL,
    JOB_GROUP nvarchar(150) NOT NULL,
    DESCRIPTION nvarchar(250) NULL,
    JOB_CLASS_NAME nvarchar(250) NOT NULL,
    IS_DURABLE bit NOT NULL,
    IS_NONCONCURRENT bit NOT NULL,
    IS_UPDATE_DATA bit NOT NULL,
    REQUESTS_RECOVERY bit NOT NULL,
    JOB_DATA varbinary(max) NULL,
    CONSTRAINT PK_QRTZ_JOB_DETAILS PRIMARY KEY (SCHED_NAME,JOB_NAME,JOB_GROUP)
  );
END
GO
-- [realmsync].[QRTZ_TRIGGERS]
IF OBJECT_ID(N'[realmsync].[QRTZ_TRIGGERS]', N'U') IS NULL
BEGIN
  CREATE TABLE [realmsync].[QRTZ_TRIGGERS] (
    SCHED_NAME nvarchar(120) NOT NULL,
    TRIGGER_NAME nvarchar(150) NOT NULL,
    TRIGGER_GROUP nvarchar(150) NOT NULL,
    JOB_NAME nvarchar(150) NOT NULL,
    JOB_GROUP nvarchar(150) NOT NULL,
    DESCRIPTION nvarchar(250) NULL,
    NEXT_FIRE_TIME bigint NULL,
    PREV_FIRE_TIME bigint NULL,
    PRIORITY int NULL,
    TRIGGER_STATE nvarchar(16) NOT NULL,
    TRIGGER_TYPE nvarchar(8) NOT NULL,
    START_TIME bigint NOT NULL,
    END_TIME bigint NULL,
    CALENDAR_NAME nvarchar(200) NULL,
    MISFIRE_INSTR int NULL,
    MISFIRE_ORIG_FIRE_TIME bigint NULL,
    EXECUTION_GROUP nvarchar(200) NULL,
    PREFERRED_NODE nvarchar(200) NULL,
    PREFERRED_NODE_AUTO bit NOT NULL DEFAULT 0,
    RETRY_POLICY nvarchar(250) NULL,
    RETRY_ATTEMPT int NULL,
    CONTINUES_TRIGGER_NAME nvarchar(150) NULL,
    CONTINUES_TRIGGER_GROUP nvarchar(150) NULL,
    CONTINUATION_CONDITION int NULL,
    OVERLAP_POLICY int NULL,
    PAUSE_REASON nvarchar(250) NULL,
    PAUSED_BY nvarchar(200) NULL,
    PAUSED_AT bigint NULL,
    MISFIRE_THRESHOLD bigint NULL,
    FIXED_DELAY bit NULL,
    JOB_DATA varbinary(max) NULL,
    CONSTRAINT PK_QRTZ_TRIGGERS PRIMARY KEY (SCHED_NAME,TRIGGER_NAME,TRIGGER_GROUP),
    CONSTRAINT FK_QRTZ_TRIGGERS_QRTZ_JOB_DETAILS FOREIGN KEY (SCHED_NAME,JOB_NAME,JOB_GROUP) REFERENCES [realmsync].[QRTZ_JOB_DETAILS] (SCHED_NAME,JOB_NAME,JOB_GROUP)
  );
END
GO
-- [realmsync].[QRTZ_SIMPLE_TRIGGERS]
IF OBJECT_ID(N'[realmsync].[QRTZ_SIMPLE_TRIGGERS]', N'U') IS NULL
BEGIN
  CREATE TABLE [realmsync].[QRTZ_SIMPLE_TRIGGERS] (
    SCHED_NAME nvarchar(120) NOT NULL,
    TRIGGER_NAME nvarchar(150) NOT NULL,
    TRIGGER_GROUP nvarchar(150) NOT NULL,
    REPEAT_COUNT int NOT NULL,
    REPEAT_INTERVAL bigint NOT NULL,
    TIMES_TRIGGERED int NOT NULL,
    CONSTRAINT PK_QRTZ_SIMPLE_TRIGGERS PRIMARY KEY (SCHED_NAME,TRIGGER_NAME,TRIGGER_GROUP),
    CONSTRAINT FK_QRTZ_SIMPLE_TRIGGERS_QRTZ_TRIGGERS FOREIGN KEY (SCHED_NAME,TRIGGER_NAME,TRIGGER_GROUP) REFERENCES [realmsync].[QRTZ_TRIGGERS] (SCHED_NAME,TRIGGER_NAME,TRIGGER_GROUP) ON DELETE CASCADE
  );
END
GO
-- [realmsync].[QRTZ_CRON_TRIGGERS]
IF OBJECT_ID(N'[realmsync].[QRTZ_CRON_TRIGGERS]', N'U') IS NULL
BEGIN
  CREATE TABLE [realmsync].[QRTZ_CRON_TRIGGERS] (
    SCHED_NAME nvarchar(120) NOT NULL,
    TRIGGER_NAME nvarchar(150) NOT NULL,
    TRIGGER_GROUP nvarchar(150) NOT NULL,
    CRON_EXPRESSION nvarchar(120) NOT NULL,
    TIME_ZONE_ID nvarchar(80),
    CONSTRAINT PK_QRTZ_CRON_TRIGGERS PRIMARY KEY (SCHED_NAME,TRIGGER_NAME,TRIGGER_GROUP),
    CONSTRAINT FK_QRTZ_CRON_TRIGGERS_QRTZ_TRIGGERS FOREIGN KEY (SCHED_NAME,TRIGGER_NAME,TRIGGER_GROUP) REFERENCES [realmsync].[QRTZ_TRIGGERS] (SCHED_NAME,TRIGGER_NAME,TRIGGER_GROUP) ON DELETE CASCADE
  );
END
GO
-- [realmsync].[QRTZ_SIMPROP_TRIGGERS]
IF OBJECT_ID(N'[realmsync].[QRTZ_SIMPROP_TRIGGERS]', N'U') IS NULL
BEGIN
  CREATE TABLE [realmsync].[QRTZ_SIMPROP_TRIGGERS] (
    SCHED_NAME nvarchar(120) NOT NULL,
    TRIGGER_NAME nvarchar(150) NOT NULL,
    TRIGGER_GROUP nvarchar(150) NOT NULL,
    STR_PROP_1 nvarchar(512) NULL,
    STR_PROP_2 nvarchar(512) NULL,
    STR_PROP_3 nvarchar(512) NULL,
    INT_PROP_1 int NULL,
    INT_PROP_2 int NULL,
    LONG_PROP_1 bigint NULL,
    LONG_PROP_2 bigint NULL,
    DEC_PROP_1 numeric(13,4) NULL,
    DEC_PROP_2 numeric(13,4) NULL,
    BOOL_PROP_1 bit NULL,
    BOOL_PROP_2 bit NULL,
    TIME_ZONE_ID nvarchar(80) NULL,
    CONSTRAINT PK_QRTZ_SIMPROP_TRIGGERS PRIMARY KEY (SCHED_NAME,TRIGGER_NAME,TRIGGER_GROUP),
    CONSTRAINT FK_QRTZ_SIMPROP_TRIGGERS_QRTZ_TRIGGERS FOREIGN KEY (SCHED_NAME,TRIGGER_NAME,TRIGGER_GROUP) REFERENCES [realmsync].[QRTZ_TRIGGERS] (SCHED_NAME,TRIGGER_NAME,TRIGGER_GROUP) ON DELETE CASCADE
  );
END
GO
-- [realmsync].[QRTZ_BLOB_TRIGGERS]
IF OBJECT_ID(N'[realmsync].[QRTZ_BLOB_TRIGGERS]', N'U') IS NULL
BEGIN
  CREATE TABLE [realmsync].[QRTZ_BLOB_TRIGGERS] (
    SCHED_NAME nvarchar(120) NOT NULL,
    TRIGGER_NAME nvarchar(150) NOT NULL,
    TRIGGER_GROUP nvarchar(150) NOT NULL,
    BLOB_DATA varbinary(max) NULL,
    CONSTRAINT PK_QRTZ_BLOB_TRIGGERS PRIMARY KEY (SCHED_NAME,TRIGGER_NAME,TRIGGER_GROUP)
  );
END
GO
-- [realmsync].[QRTZ_CALENDARS]
IF OBJECT_ID(N'[realmsync].[QRTZ_CALENDARS]', N'U') IS NULL
BEGIN
  CREATE TABLE [realmsync].[QRTZ_CALENDARS] (
    SCHED_NAME nvarchar(120) NOT NULL,
    CALENDAR_NAME nvarchar(200) NOT NULL,
    CALENDAR varbinary(max) NOT NULL,
    CONSTRAINT PK_QRTZ_CALENDARS PRIMARY KEY (SCHED_NAME,CALENDAR_NAME)
  );
END
GO
-- [realmsync].[QRTZ_PAUSED_TRIGGER_GRPS]
IF OBJECT_ID(N'[realmsync].[QRTZ_PAUSED_TRIGGER_GRPS]', N'U') IS NULL
BEGIN
  CREATE TABLE [realmsync].[QRTZ_PAUSED_TRIGGER_GRPS] (
    SCHED_NAME nvarchar(120) NOT NULL,
    TRIGGER_GROUP nvarchar(150) NOT NULL,
    PAUSE_REASON nvarchar(250) NULL,
    PAUSED_BY nvarchar(200) NULL,
    PAUSED_AT bigint NULL,
    CONSTRAINT PK_QRTZ_PAUSED_TRIGGER_GRPS PRIMARY KEY (SCHED_NAME,TRIGGER_GROUP)
  );
END
GO
-- [realmsync].[QRTZ_PAUSED_JOB_GRPS]
IF OBJECT_ID(N'[realmsync].[QRTZ_PAUSED_JOB_GRPS]', N'U') IS NULL
BEGIN
  CREATE TABLE [realmsync].[QRTZ_PAUSED_JOB_GRPS] (
    SCHED_NAME nvarchar(120) NOT NULL,
    JOB_GROUP nvarchar(150) NOT NULL,
    PAUSE_REASON nvarchar(250) NULL,
    PAUSED_BY nvarchar(200) NULL,
    PAUSED_AT bigint NULL,
    CONSTRAINT PK_QRTZ_PAUSED_JOB_GRPS PRIMARY KEY (SCHED_NAME,JOB_GROUP)
  );
END
GO
-- [realmsync].[QRTZ_FIRED_TRIGGERS]
IF OBJECT_ID(N'[realmsync].[QRTZ_FIRED_TRIGGERS]', N'U') IS NULL
BEGIN
  CREATE TABLE [realmsync].[QRTZ_FIRED_TRIGGERS] (
    SCHED_NAME nvarchar(120) NOT NULL,
    ENTRY_ID nvarchar(140) NOT NULL,
    TRIGGER_NAME nvarchar(150) NOT NULL,
    TRIGGER_GROUP nvarchar(150) NOT NULL,
    INSTANCE_NAME nvarchar(200) NOT NULL,
    FIRED_TIME bigint NOT NULL,
    SCHED_TIME bigint NOT NULL,
    PRIORITY int NOT NULL,
    STATE nvarchar(16) NOT NULL,
    JOB_NAME nvarchar(150) NULL,
    JOB_GROUP nvarchar(150) NULL,
    IS_NONCONCURRENT bit NULL,
    REQUESTS_RECOVERY bit NULL,
    EXECUTION_GROUP nvarchar(200) NULL,
    PROGRESS int NULL,
    PROGRESS_MESSAGE nvarchar(250) NULL,
    INTERRUPT_REQUESTED_TIME bigint NULL,
    CONSTRAINT PK_QRTZ_FIRED_TRIGGERS PRIMARY KEY (SCHED_NAME,ENTRY_ID)
  );
END
GO
-- [realmsync].[QRTZ_SCHEDULER_STATE]
IF OBJECT_ID(N'[realmsync].[QRTZ_SCHEDULER_STATE]', N'U') IS NULL
BEGIN
  CREATE TABLE [realmsync].[QRTZ_SCHEDULER_STATE] (
    SCHED_NAME nvarchar(120) NOT NULL,
    INSTANCE_NAME nvarchar(200) NOT NULL,
    LAST_CHECKIN_TIME bigint NOT NULL,
    CHECKIN_INTERVAL bigint NOT NULL,
    QUARTZ_VERSION nvarchar(20) NULL,
    CONSTRAINT PK_QRTZ_SCHEDULER_STATE PRIMARY KEY (SCHED_NAME,INSTANCE_NAME)
  );
END
GO
-- [realmsync].[QRTZ_LOCKS]
IF OBJECT_ID(N'[realmsync].[QRTZ_LOCKS]', N'U') IS NULL
BEGIN
  CREATE TABLE [realmsync].[QRTZ_LOCKS] (
    SCHED_NAME nvarchar(120) NOT NULL,
    LOCK_NAME nvarchar(40) NOT NULL,
    CONSTRAINT PK_QRTZ_LOCKS PRIMARY KEY (SCHED_NAME,LOCK_NAME)
  );
END
GO
-- [realmsync].[QRTZ_EXECUTION_HISTORY]
IF OBJECT_ID(N'[realmsync].[QRTZ_EXECUTION_HISTORY]', N'U') IS NULL
BEGIN
  CREATE TABLE [realmsync].[QRTZ_EXECUTION_HISTORY] (
    SCHED_NAME nvarchar(120) NOT NULL,
    ENTRY_ID nvarchar(140) NOT NULL,
    INSTANCE_NAME nvarchar(200) NOT NULL,
    JOB_NAME nvarchar(150) NOT NULL,
    JOB_GROUP nvarchar(150) NOT NULL,
    TRIGGER_NAME nvarchar(150) NOT NULL,
    TRIGGER_GROUP nvarchar(150) NOT NULL,
    FIRED_TIME bigint NOT NULL,
    RUN_TIME bigint NOT NULL,
    SUCCEEDED bit NOT NULL,
    ERROR_MESSAGE nvarchar(1000) NULL,
    RETRY_ATTEMPT int NOT NULL DEFAULT 0,
    RETRY_SCHEDULED bit NOT NULL DEFAULT 0,
    EXECUTION_LOG nvarchar(max) NULL,
    RESULT int NULL,
    SUMMARY nvarchar(1000) NULL,
    METRICS nvarchar(max) NULL,
    MANUAL bit NULL,
    FIRE_INSTANCE_ID nvarchar(140) NULL,
    JOB_INPUT nvarchar(max) NULL,
    JOB_INPUT_TOO_LARGE bit NULL,
    CONSTRAINT PK_QRTZ_EXECUTION_HISTORY PRIMARY KEY (SCHED_NAME,ENTRY_ID)
  );
END
GO
-- [realmsync].[QRTZ_MISFIRE_HISTORY]
IF OBJECT_ID(N'[realmsync].[QRTZ_MISFIRE_HISTORY]', N'U') IS NULL
BEGIN
  CREATE TABLE [realmsync].[QRTZ_MISFIRE_HISTORY] (
    SCHED_NAME nvarchar(120) NOT NULL,
    ENTRY_ID nvarchar(140) NOT NULL,
    INSTANCE_NAME nvarchar(200) NOT NULL,
    TRIGGER_NAME nvarchar(150) NOT NULL,
    TRIGGER_GROUP nvarchar(150) NOT NULL,
    JOB_NAME nvarchar(150) NULL,
    JOB_GROUP nvarchar(150) NULL,
    MISFIRE_TIME bigint NOT NULL,
    SCHED_TIME bigint NULL,
    REASON int NULL,
    CONSTRAINT PK_QRTZ_MISFIRE_HISTORY PRIMARY KEY (SCHED_NAME,ENTRY_ID)
  );
END
GO
-- [realmsync].[QRTZ_JOB_STATUS]
IF OBJECT_ID(N'[realmsync].[QRTZ_JOB_STATUS]', N'U') IS NULL
BEGIN
  CREATE TABLE [realmsync].[QRTZ_JOB_STATUS] (
    SCHED_NAME nvarchar(120) NOT NULL,
    JOB_GROUP nvarchar(150) NOT NULL,
    JOB_NAME nvarchar(150) NOT NULL,
    FIRST_FIRED_TIME bigint NOT NULL,
    LAST_FIRED_TIME bigint NOT NULL,
    LAST_RESULT int NOT NULL,
    LAST_RUN_TIME bigint NOT NULL,
    LAST_INSTANCE_NAME nvarchar(200) NOT NULL,
    LAST_ENTRY_ID nvarchar(140) NULL,
    LAST_SUMMARY nvarchar(1000) NULL,
    LAST_SUCCESS_TIME bigint NULL,
    LAST_FAILURE_TIME bigint NULL,
    LAST_FAILURE_MESSAGE nvarchar(1000) NULL,
    CONSECUTIVE_FAILURES int NOT NULL DEFAULT 0,
    RUN_COUNT bigint NOT NULL DEFAULT 0,
    FAILURE_COUNT bigint NOT NULL DEFAULT 0,
    CONSTRAINT PK_QRTZ_JOB_STATUS PRIMARY KEY (SCHED_NAME,JOB_GROUP,JOB_NAME)
  );
END
GO
-- IDX_QRTZ_J_G_N
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = 'IDX_QRTZ_J_G_N' AND object_id = OBJECT_ID('[realmsync].[QRTZ_JOB_DETAILS]'))
BEGIN
  CREATE INDEX IDX_QRTZ_J_G_N ON [realmsync].[QRTZ_JOB_DETAILS](SCHED_NAME, JOB_GROUP, JOB_NAME);
END
GO
-- IDX_QRTZ_T_J
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = 'IDX_QRTZ_T_J' AND object_id = OBJECT_ID('[realmsync].[QRTZ_TRIGGERS]'))
BEGIN
  CREATE INDEX IDX_QRTZ_T_J ON [realmsync].[QRTZ_TRIGGERS](SCHED_NAME, JOB_NAME, JOB_GROUP);
END
GO
-- IDX_QRTZ_T_G_N
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = 'IDX_QRTZ_T_G_N' AND object_id = OBJECT_ID('[realmsync].[QRTZ_TRIGGERS]'))
BEGIN
  CREATE INDEX IDX_QRTZ_T_G_N ON [realmsync].[QRTZ_TRIGGERS](SCHED_NAME, TRIGGER_GROUP, TRIGGER_NAME);
END
GO
-- IDX_QRTZ_T_C
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = 'IDX_QRTZ_T_C' AND object_id = OBJECT_ID('[realmsync].[QRTZ_TRIGGERS]'))
BEGIN
  CREATE INDEX IDX_QRTZ_T_C ON [realmsync].[QRTZ_TRIGGERS](SCHED_NAME, CALENDAR_NAME);
END
GO
-- IDX_QRTZ_T_NFT_ST
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = 'IDX_QRTZ_T_NFT_ST' AND object_id = OBJECT_ID('[realmsync].[QRTZ_TRIGGERS]'))
BEGIN
  CREATE INDEX IDX_QRTZ_T_NFT_ST ON [realmsync].[QRTZ_TRIGGERS](SCHED_NAME, TRIGGER_STATE, NEXT_FIRE_TIME ASC, PRIORITY DESC, MISFIRE_INSTR);
END
GO
-- IDX_QRTZ_FT_INST_JOB_REQ_RCVRY
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = 'IDX_QRTZ_FT_INST_JOB_REQ_RCVRY' AND object_id = OBJECT_ID('[realmsync].[QRTZ_FIRED_TRIGGERS]'))
BEGIN
  CREATE INDEX IDX_QRTZ_FT_INST_JOB_REQ_RCVRY ON [realmsync].[QRTZ_FIRED_TRIGGERS](SCHED_NAME, INSTANCE_NAME, REQUESTS_RECOVERY);
END
GO
-- IDX_QRTZ_FT_J_G
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = 'IDX_QRTZ_FT_J_G' AND object_id = OBJECT_ID('[realmsync].[QRTZ_FIRED_TRIGGERS]'))
BEGIN
  CREATE INDEX IDX_QRTZ_FT_J_G ON [realmsync].[QRTZ_FIRED_TRIGGERS](SCHED_NAME, JOB_NAME, JOB_GROUP);
END
GO
-- IDX_QRTZ_FT_T_G
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = 'IDX_QRTZ_FT_T_G' AND object_id = OBJECT_ID('[realmsync].[QRTZ_FIRED_TRIGGERS]'))
BEGIN
  CREATE INDEX IDX_QRTZ_FT_T_G ON [realmsync].[QRTZ_FIRED_TRIGGERS](SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP);
END
GO
-- IDX_QRTZ_EH_FIRED_TIME
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = 'IDX_QRTZ_EH_FIRED_TIME' AND object_id = OBJECT_ID('[realmsync].[QRTZ_EXECUTION_HISTORY]'))
BEGIN
  CREATE INDEX IDX_QRTZ_EH_FIRED_TIME ON [realmsync].[QRTZ_EXECUTION_HISTORY](SCHED_NAME, FIRED_TIME);
END
GO
-- IDX_QRTZ_EH_INST
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = 'IDX_QRTZ_EH_INST' AND object_id = OBJECT_ID('[realmsync].[QRTZ_EXECUTION_HISTORY]'))
BEGIN
  CREATE INDEX IDX_QRTZ_EH_INST ON [realmsync].[QRTZ_EXECUTION_HISTORY](SCHED_NAME, INSTANCE_NAME);
END
GO
-- IDX_QRTZ_MH_MISFIRE_TIME
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = 'IDX_QRTZ_MH_MISFIRE_TIME' AND object_id = OBJECT_ID('[realmsync].[QRTZ_MISFIRE_HISTORY]'))
BEGIN
  CREATE INDEX IDX_QRTZ_MH_MISFIRE_TIME ON [realmsync].[QRTZ_MISFIRE_HISTORY](SCHED_NAME, MISFIRE_TIME);
END
GO
-- IDX_QRTZ_MH_INST
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = 'IDX_QRTZ_MH_INST' AND object_id = OBJECT_ID('[realmsync].[QRTZ_MISFIRE_HISTORY]'))
BEGIN
  CREATE INDEX IDX_QRTZ_MH_INST ON [realmsync].[QRTZ_MISFIRE_HISTORY](SCHED_NAME, INSTANCE_NAME);
END
GO
-- IDX_QRTZ_EH_JOB_TIME
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = 'IDX_QRTZ_EH_JOB_TIME' AND object_id = OBJECT_ID('[realmsync].[QRTZ_EXECUTION_HISTORY]'))
BEGIN
  CREATE INDEX IDX_QRTZ_EH_JOB_TIME ON [realmsync].[QRTZ_EXECUTION_HISTORY](SCHED_NAME, JOB_GROUP, JOB_NAME, FIRED_TIME);
END
GO
-- IDX_QRTZ_EH_FIRE_INST
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = 'IDX_QRTZ_EH_FIRE_INST' AND object_id = OBJECT_ID('[realmsync].[QRTZ_EXECUTION_HISTORY]'))
BEGIN
  CREATE INDEX IDX_QRTZ_EH_FIRE_INST ON [realmsync].[QRTZ_EXECUTION_HISTORY](SCHED_NAME, FIRE_INSTANCE_ID);
END
GO
-- IDX_QRTZ_EH_TRIG_TIME
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = 'IDX_QRTZ_EH_TRIG_TIME' AND object_id = OBJECT_ID('[realmsync].[QRTZ_EXECUTION_HISTORY]'))
BEGIN
  CREATE INDEX IDX_QRTZ_EH_TRIG_TIME ON [realmsync].[QRTZ_EXECUTION_HISTORY](SCHED_NAME, TRIGGER_GROUP, TRIGGER_NAME, FIRED_TIME);
END
GO
SET NOEXEC OFF;
IF SCHEMA_ID(N'realmsync') IS NOT NULL
    PRINT N'RealmSqlServer: the Quartz job store tables [realmsync].[QRTZ_*] are in place. Check them with: realm-sqlserver doctor';
GO
