using Connector.Catalog;
using Connector.SqlServer.Catalog;
using Connector.SqlServer.ChangeTracking;
using Connector.SqlServer.Schema;
using Connector.SqlServer.Sql;
using Connector.Tests.SqlServer.Schema;

namespace Connector.Tests.SqlServer.Catalog;

/// <summary>Tier 2 for the catalog of partitioned mappings on SQL Server: registration, the schema lock, what the poll pass leaves out.</summary>
public class PartitionedCatalogTests
{
    [TestCase("r.[PartitionOf]", "r.[PartitonOf]", nameof(CatalogStatements.ListPartitioned))]
    [TestCase("d.[DeploymentId] DESC", "d.[DeploymentIdx] DESC", nameof(CatalogStatements.LockPartitionedSchema))]
    public void The_column_check_sees_the_columns_of_the_partition_statements(string column, string misspelt, string statement)
    {
        using var model = SqlModelBuilder.Build(CatalogStatementsTests.Small());
        var sql = CatalogStatements.All[statement];

        Assert.That(sql, Does.Contain(column));
        Assert.That(new ColumnReferenceChecker(model).Check(sql.Replace(column, misspelt, StringComparison.Ordinal)), Has.Some.Contains(misspelt.Split('.')[1].Split(' ')[0] + " does not exist"));
    }

    [Test]
    public void Registration_writes_a_partition_row_and_its_cursor_at_zero_and_returns_its_id()
    {
        Assert.That(CatalogStatements.RegisterPartition, Is.EqualTo(
            "INSERT INTO [realmsync].[MappedRealm] ([RealmPath], [SqlSchema], [MappingMode], [PartitionOf]) VALUES (@RealmPath, @SqlSchema, 'partition', @PartitionOf);\n" +
            "DECLARE @Registered int = CONVERT(int, SCOPE_IDENTITY());\n" +
            "INSERT INTO [realmsync].[InboundCursor] ([RealmId], [Version]) VALUES (@Registered, 0);\n" +
            "SELECT @Registered;"));
    }

    [Test]
    public void The_schema_lock_is_one_per_partitioned_mapping_held_by_the_transaction()
    {
        Assert.That(CatalogStatements.LockPartitionedSchema, Does.Contain("CONCAT(N'realmsync.partitioned-schema.', @RealmId)")
            .And.Contain("@LockOwner = N'Transaction'").And.Contain("@LockMode = @LockMode").And.Contain("@LockTimeout = @LockTimeout"));
    }

    [Test]
    public void A_lost_race_of_partitioned_mappings_is_retried()
    {
        Assert.That(TransientErrors.IsTransient(new PartitionRaceException("raced")), Is.True);
    }

    [Test]
    public void The_listing_tells_partitioned_mappings_apart_and_reads_each_cursor()
    {
        Assert.That(CatalogStatements.ListRealms, Does.Contain("CASE WHEN r.[MappingMode] = 'partitioned' THEN 1 ELSE 0 END AS bit) AS [Partitioned]")
            .And.Contain("LEFT JOIN [realmsync].[InboundCursor] AS c ON c.[RealmId] = r.[RealmId]"));
        Assert.That(CatalogStatements.ListRealms, Does.Not.Contain("NOT IN ('partitioned', 'partition')"));
    }
}
