-- One row per catalog version deployed; the highest is the version in force.
CREATE TABLE [realmsync].[CatalogVersion] (
    [Version]    int          NOT NULL,
    [DeployedAt] datetime2(3) NOT NULL CONSTRAINT [DF_CatalogVersion_DeployedAt] DEFAULT (SYSUTCDATETIME()),
    CONSTRAINT [PK_CatalogVersion] PRIMARY KEY CLUSTERED ([Version])
);
