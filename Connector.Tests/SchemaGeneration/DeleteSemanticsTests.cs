using Connector.SchemaGeneration;

namespace Connector.Tests.SchemaGeneration;

public class DeleteSemanticsTests
{
    private static readonly SchemaMapping Sample =
        SchemaMapper.Map(SchemaCorpus.Load("samples", "realm-schema.json"), "/default", "dbo");

    private static string DeleteOf(string className) =>
        ApplierRoutineScripts.Write(Sample).Single(s => s.StartsWith($"CREATE PROCEDURE [realmsync].[dbo.{className}$delete]", StringComparison.Ordinal));

    [Test]
    public void Deleting_an_owner_deletes_its_embedded_objects_after_it_and_only_when_there_are_some()
    {
        var delete = DeleteOf("Person");

        Assert.That(delete, Does.Contain(
            "INSERT INTO @embedded1 ([key]) SELECT DISTINCT e.[address] FROM [dbo].[Person] AS e WHERE e.[address] IS NOT NULL AND e.[_id] IN (SELECT k.[key] FROM @keys AS k);"));
        Assert.That(delete, Does.EndWith(
            "DELETE t FROM [dbo].[Person] AS t WHERE t.[_id] IN (SELECT k.[key] FROM @keys AS k);\n" +
            "IF EXISTS (SELECT 1 FROM @embedded1)\n    EXEC [realmsync].[dbo.Address$delete] @context = @context, @keys = @embedded1;\n"));
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
