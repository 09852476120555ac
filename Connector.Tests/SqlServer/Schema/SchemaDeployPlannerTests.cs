using Connector.SqlServer.Schema;


namespace Connector.Tests.SqlServer.Schema;

/// <summary>What an incremental deployment the applier runs may and may not do to a live database.</summary>
public class SchemaDeployPlannerTests
{
    [Test]
    public void An_incremental_deployment_never_drops_never_sets_database_options_and_never_hands_a_schema_back_to_dbo()
    {
        var options = SchemaDeployPlanner.Options();

        Assert.That(options.DropObjectsNotInSource, Is.False);
        Assert.That(options.BlockOnPossibleDataLoss, Is.True);
        Assert.That((options.ScriptDatabaseOptions, options.ScriptDatabaseCollation, options.ScriptDatabaseCompatibility), Is.EqualTo((false, false, false)));
        // sql-setup.sql hands realmsync to realmsync_owner; the model says dbo (Schema/000-Schema.sql).
        Assert.That(options.IgnoreAuthorizer, Is.True);
    }
}
