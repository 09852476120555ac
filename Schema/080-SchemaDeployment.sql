-- Each schema deployment: the dacpac deployed (the base of the next incremental plan) and the script
-- that was run, with time and reason. The newest row per RealmId is the schema in force.
CREATE TABLE [realmsync].[SchemaDeployment] (
    [DeploymentId] int            IDENTITY (1, 1) NOT NULL,
    [RealmId]      int            NULL,
    [DeployedAt]   datetime2(3)   NOT NULL CONSTRAINT [DF_SchemaDeployment_DeployedAt] DEFAULT (SYSUTCDATETIME()),
    [DeployedBy]   sysname        NOT NULL CONSTRAINT [DF_SchemaDeployment_DeployedBy] DEFAULT (SUSER_SNAME()),
    [Reason]       nvarchar(400)  NOT NULL,
    [Dacpac]       varbinary(max) NOT NULL,
    [Script]       nvarchar(max)  NOT NULL,
    -- The mapping in force after this deployment (JSON): the exact SQL names every node keeps using.
    [Mapping]      nvarchar(max)  NOT NULL,
    CONSTRAINT [PK_SchemaDeployment] PRIMARY KEY CLUSTERED ([DeploymentId]),
    CONSTRAINT [FK_SchemaDeployment_MappedRealm] FOREIGN KEY ([RealmId]) REFERENCES [realmsync].[MappedRealm] ([RealmId])
);
