using Microsoft.SqlServer.Dac;
using Connector.SchemaGeneration;

namespace Connector.SqlServer.Schema;

/// <summary>
/// The incremental deployment from the mapping in force to a grown one, planned by DacFx offline between the
/// two dacpacs (the previous one is kept in realmsync.SchemaDeployment). The result is plain T-SQL batches that
/// the applier runs inside the transaction of the instructions that caused it, or writes for a DBA
/// (<c>schema.applyMode: script</c>). Never drops anything and never touches a database setting.
/// </summary>
public static class SchemaDeployPlanner
{
    public static SchemaDeployment Plan(byte[] previousDacpac, SchemaMapping next, string reason)
    {
        ArgumentNullException.ThrowIfNull(previousDacpac);
        ArgumentNullException.ThrowIfNull(next);
        using var model = SqlModelBuilder.Build(next);
        var dacpac = SchemaArtifactGenerator.Pack(model, next.RealmPath);
        using var target = DacPackage.Load(new MemoryStream(previousDacpac));
        using var source = DacPackage.Load(new MemoryStream(dacpac));
        var script = DacServices.GenerateDeployScript(source, target, "RealmSqlServer", Options()).ReplaceLineEndings("\n");
        var batches = DeployScriptWriter.PlainBatches(script);
        return new SchemaDeployment(next, dacpac, script, batches, reason);
    }

    /// <summary>
    /// What an incremental deployment may do: add, never drop, never touch a database setting, and never hand a
    /// schema back to the owner the model names (<c>IgnoreAuthorizer</c>): sql-setup.sql gives <c>realmsync</c> to
    /// <c>realmsync_owner</c>, and putting it back to dbo would drop the role's grants and restore dbo's ownership chain.
    /// </summary>
    public static DacDeployOptions Options() => new()
    {
        ScriptDatabaseOptions = false,
        ScriptDatabaseCollation = false,
        ScriptDatabaseCompatibility = false,
        BlockOnPossibleDataLoss = true,
        DropObjectsNotInSource = false,
        IgnoreColumnOrder = true,
        GenerateSmartDefaults = true,
        IncludeTransactionalScripts = false,
        IgnoreAuthorizer = true,
    };

    /// <summary>The dacpac of a mapping (catalog and generated objects), as bootstrap would write it.</summary>
    public static byte[] Dacpac(SchemaMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        using var model = SqlModelBuilder.Build(mapping);
        return SchemaArtifactGenerator.Pack(model, mapping.RealmPath);
    }
}
