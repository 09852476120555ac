using Connector.SchemaGeneration;
using Connector.SqlServer.Schema;
using Connector.Tests.SchemaGeneration;

namespace Connector.Tests.SqlServer.Schema;

public class DeleteSemanticsTests
{
    private static readonly SchemaMapping Sample =
        SchemaMapper.Map(SchemaCorpus.Load("samples", "realm-schema.json"), "/default", "dbo");

    private static string DeleteOf(string className) =>
        ApplierRoutineScripts.Write(Sample).Single(s => s.StartsWith($"CREATE PROCEDURE [realmsync].[dbo.{className}$delete]", StringComparison.Ordinal));

    [Test]
    public void Deleting_an_owner_gathers_its_embedded_objects_first_and_deletes_them_after_it_without_calling_a_procedure()
    {
        var delete = DeleteOf("Person");

        Assert.That(delete, Does.StartWith(
            "CREATE PROCEDURE [realmsync].[dbo.Person$delete]\n    @context varbinary(128),\n    @keys [realmsync].[keys$binary12] READONLY\nAS\nSET NOCOUNT ON;\n" +
            "DECLARE @embedded1 [realmsync].[keys$nvarchar64];\n" +
            "INSERT INTO @embedded1 ([key])\n" +
            "SELECT DISTINCT e1.[address] FROM [dbo].[Person] AS e1 WHERE e1.[address] IS NOT NULL AND e1.[_id] IN (SELECT k.[key] FROM @keys AS k);\n"));
        Assert.That(delete, Does.EndWith(
            "DELETE t FROM [dbo].[Person] AS t WHERE t.[_id] IN (SELECT k.[key] FROM @keys AS k);\n" +
            "WITH CHANGE_TRACKING_CONTEXT (@context)\nUPDATE x SET x.[address] = NULL\nFROM [dbo].[Person] AS x WHERE x.[address] IN (SELECT k.[key] FROM @embedded1 AS k);\n" +
            "WITH CHANGE_TRACKING_CONTEXT (@context)\nDELETE t FROM [dbo].[Address] AS t WHERE t.[_realm_object_id] IN (SELECT k.[key] FROM @embedded1 AS k);\n"));
        Assert.That(delete, Does.Not.Contain("EXEC"));
    }

    [Test]
    public void Deleting_a_link_target_nulls_the_links_and_removes_it_from_lists_closing_up_positions()
    {
        var delete = DeleteOf("Dog");

        Assert.That(delete, Does.Contain("DELETE l OUTPUT deleted.[_owner] INTO @affected1 ([owner])\nFROM [dbo].[Person__dogs] AS l WHERE l.[_target] IN (SELECT k.[key] FROM @keys AS k);"));
        Assert.That(delete, Does.Contain("UPDATE l SET l.[_position] = r.[rank]\nFROM [dbo].[Person__dogs] AS l"));
        Assert.That(DeleteOf("Person"), Does.Contain("UPDATE x SET x.[bestFriend] = NULL\nFROM [dbo].[Person] AS x WHERE x.[bestFriend] IN (SELECT k.[key] FROM @keys AS k);"));
    }

    [Test]
    public void Deploy_sql_guards_every_batch_against_run_time_and_compile_errors()
    {
        var script = SchemaArtifactGenerator.Generate(SchemaCorpus.Load("Connector.Tests/SchemaGeneration/Corpus", "small.json"), "/p", "dbo", "small.json").DeployScript;
        var batches = DeployScriptWriter.Batches(script);
        var guards = batches.Count(b => b.StartsWith("IF @@ERROR <> 0 AND @@TRANCOUNT > 0 ROLLBACK TRANSACTION;", StringComparison.Ordinal));
        var work = batches.SkipWhile(b => b != "BEGIN TRANSACTION;").Skip(1).TakeWhile(b => !b.StartsWith("COMMIT", StringComparison.Ordinal)).ToList();

        Assert.That(work.Count, Is.EqualTo(2 * guards), "a guard after every batch inside the transaction");
        Assert.That(work.Where((_, i) => i % 2 == 1), Has.All.StartWith("IF @@ERROR <> 0"));
    }
}
