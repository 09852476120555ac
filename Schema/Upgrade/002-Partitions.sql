-- Catalog version 1 to 2 (partitioned mappings, issue 12): MappedRealm as Schema/020-MappedRealm.sql creates it.
-- Run by install in one transaction with the new CatalogVersion row; the column goes last, where a new catalog has it.
ALTER TABLE [realmsync].[MappedRealm] ADD [PartitionOf] int NULL;
GO
ALTER TABLE [realmsync].[MappedRealm] DROP CONSTRAINT [CK_MappedRealm_MappingMode];
ALTER TABLE [realmsync].[MappedRealm] ADD
    CONSTRAINT [CK_MappedRealm_MappingMode] CHECK ([MappingMode] IN ('realm-first', 'sql-first', 'partitioned', 'partition')),
    CONSTRAINT [FK_MappedRealm_PartitionOf] FOREIGN KEY ([PartitionOf]) REFERENCES [realmsync].[MappedRealm] ([RealmId]),
    CONSTRAINT [CK_MappedRealm_PartitionOf] CHECK (([MappingMode] = 'partition' AND [PartitionOf] IS NOT NULL) OR ([MappingMode] <> 'partition' AND [PartitionOf] IS NULL));
GO
CREATE NONCLUSTERED INDEX [IX_MappedRealm_PartitionOf] ON [realmsync].[MappedRealm] ([PartitionOf]);
