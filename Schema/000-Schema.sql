-- The connector's catalog (DESIGN.md section 3). Everything the connector knows lives here, next to the
-- data, so that a DBA can query it and a second node can take over.
CREATE SCHEMA [realmsync] AUTHORIZATION [dbo];
