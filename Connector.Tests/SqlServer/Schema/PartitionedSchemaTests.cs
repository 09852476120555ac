using Connector.RealmSchema;
using Connector.SchemaGeneration;
using Connector.SqlServer.Schema;
using Connector.SqlServer.Sql;
using Connector.Tests.SchemaGeneration;
using Microsoft.SqlServer.Dac.Model;

namespace Connector.Tests.SqlServer.Schema;

/// <summary>
/// Tier 2 for a partitioned mapping (issue 12): for every schema of the corpus, the tables lead their key and every index
/// with the partition column, the per-Realm views show the mapping's columns of the session's Realm only, the applier's
/// procedures write through the views and name only columns that exist, the DacFx model validates with zero messages and
/// deploy.sql parses and records the mapping as 'partitioned'; growth alters the views along with the tables.
/// </summary>
public class PartitionedSchemaTests
{
    private const string Pattern = "^/([0-9a-f]+)/private$";

    private static readonly Dictionary<string, SchemaArtifacts> Generated = [];

    private static SchemaArtifacts Generate(string file)
    {
        lock (Generated)
        {
            if (!Generated.TryGetValue(file, out var artifacts))
            {
                artifacts = SchemaArtifactGenerator.Generate(SchemaCorpus.Load(file), "/ignored", "app", Path.GetFileName(file), Pattern);
                Generated[file] = artifacts;
            }

            return artifacts;
        }
    }

    private static SchemaMapping Small =>
        SchemaMapper.Map(SchemaCorpus.Load("Connector.Tests/SchemaGeneration/Corpus", "small.json"), Pattern, "app", previous: null, pathPattern: Pattern);

    [TestCaseSource(typeof(SchemaCorpus), nameof(SchemaCorpus.Cases))]
    public void The_model_validates_with_zero_messages_and_every_table_leads_with_the_realm(string file)
    {
        var mapping = Generate(file).Mapping;
        using var model = SqlModelBuilder.Build(mapping);

        Assert.That(mapping.Partitioned && mapping.RealmPath == Pattern, Is.True);
        Assert.That(model.Validate().Select(m => $"SQL{m.Number}: {m.Message}"), Is.Empty);
        var tables = model.GetObjects(DacQueryScopes.UserDefined, ModelSchema.Table).Where(t => t.Name.Parts[0] == "app").ToList();
        Assert.That(tables.Select(t => t.Name.Parts[1]), Is.EquivalentTo(mapping.Tables.Select(t => t.Name)));
        foreach (var table in tables)
        {
            var columns = table.GetReferenced(Table.Columns).Select(c => c.Name.Parts[2]).ToList();
            Assert.That(columns[0], Is.EqualTo(SchemaMapper.RealmColumn), table.Name.ToString());
            Assert.That(columns.Skip(1), Is.EqualTo(mapping.Tables.Single(t => t.Name == table.Name.Parts[1]).Columns.Select(c => c.Name)), table.Name.ToString());
        }

        foreach (var key in model.GetObjects(DacQueryScopes.UserDefined, ModelSchema.PrimaryKeyConstraint).Where(k => k.GetReferenced(PrimaryKeyConstraint.Host).Single().Name.Parts[0] == "app"))
        {
            Assert.That(key.GetReferenced(PrimaryKeyConstraint.Columns).First().Name.Parts[^1], Is.EqualTo(SchemaMapper.RealmColumn));
        }

        foreach (var index in model.GetObjects(DacQueryScopes.UserDefined, ModelSchema.Index).Where(i => i.GetReferenced(Microsoft.SqlServer.Dac.Model.Index.IndexedObject).Single().Name.Parts[0] == "app"))
        {
            Assert.That(index.GetReferenced(Microsoft.SqlServer.Dac.Model.Index.Columns).First().Name.Parts[^1], Is.EqualTo(SchemaMapper.RealmColumn), index.Name.ToString());
        }
    }

    [TestCaseSource(typeof(SchemaCorpus), nameof(SchemaCorpus.Cases))]
    public void Each_table_has_a_per_realm_view_of_the_mapping_columns_and_the_procedures_write_only_through_them(string file)
    {
        var mapping = Generate(file).Mapping;
        using var model = SqlModelBuilder.Build(mapping);
        var views = model.GetObjects(DacQueryScopes.UserDefined, ModelSchema.View).ToDictionary(v => v.Name.Parts[1], v => v);
        var scripts = ApplierRoutineScripts.Write(mapping.ForRealm("/0a/private")).ToList();

        Assert.That(views.Keys, Is.EquivalentTo(mapping.Tables.Select(t => t.Name)));
        foreach (var table in mapping.Tables)
        {
            var view = views[table.Name];
            Assert.That(view.Name.Parts[0], Is.EqualTo("app_realm"));
            Assert.That(view.GetReferenced(View.Columns).Select(c => c.Name.Parts[^1]), Is.EqualTo(table.Columns.Select(c => c.Name)));
            Assert.That(view.GetProperty<bool>(View.WithCheckOption), Is.True);
        }

        Assert.That(scripts, Is.EqualTo(ApplierRoutineScripts.Write(mapping.ForRealm("/ff/private"))), "one set of procedures for every Realm");
        Assert.That(scripts.Where(s => s.Contains("[app].", StringComparison.Ordinal)), Is.Empty, "no procedure names a base table");
        Assert.That(scripts.SelectMany(new ColumnReferenceChecker(model).Check), Is.Empty);
    }

    [TestCaseSource(typeof(SchemaCorpus), nameof(SchemaCorpus.Cases))]
    public void Deploy_sql_parses_tracks_the_tables_and_records_the_partitioned_mapping(string file)
    {
        var artifacts = Generate(file);
        var script = ScriptInspector.Inspect(artifacts.DeployScript);
        var generated = artifacts.Mapping.Tables.Select(t => $"app.{t.Name}").ToList();
        using var model = SqlModelBuilder.Build(artifacts.Mapping);
        var columns = ScriptInspector.ModelColumns(model);

        Assert.That(script.CreatedTables, Is.SupersetOf(generated));
        Assert.That(script.TrackedTables, Is.EquivalentTo(generated), "Change Tracking on the base tables, never on the views");
        Assert.That(artifacts.DeployScript, Does.Contain($"VALUES (N'{Pattern}', N'app', 'partitioned');"));
        Assert.That(script.Inserts.Select(i => i.Table), Has.No.Member("realmsync.InboundCursor"), "each path gets its cursor when it registers");
        Assert.That(script.Inserts.Count(i => i.Table == "realmsync.TableWatermark"), Is.EqualTo(artifacts.Mapping.Tables.Length));
        foreach (var (table, named) in script.Inserts.Where(i => i.Table.StartsWith("realmsync.", StringComparison.Ordinal)))
        {
            Assert.That(columns[table], Is.SupersetOf(named), table);
        }
    }

    [Test]
    public void The_partitioned_ddl_of_the_small_schema_matches_the_approved_file() =>
        Approval.Verify("partitioned.small.ddl.sql", string.Concat(SqlModelBuilder.GeneratedObjects(Small).Where(s => !s.Contains("[realmsync].", StringComparison.Ordinal))
            .Select(s => s.EndsWith("GO\n", StringComparison.Ordinal) ? s : s.TrimEnd('\n') + "\nGO\n")));

    [Test]
    public void The_partitioned_routines_of_the_small_schema_match_the_approved_file() =>
        Approval.Verify("partitioned.small.routines.sql", string.Join("GO\n", ApplierRoutineScripts.Write(Small.ForRealm("/0a/private"))));

    [Test]
    public void A_string_key_at_the_clustered_limit_keeps_its_key_nonclustered_and_clusters_on_the_realm()
    {
        var dog = Small.Tables.Single(t => t.Name == "Dog");

        var ddl = TableDdlWriter.Write(dog, partitioned: true);

        Assert.That(ddl, Does.Contain("PRIMARY KEY NONCLUSTERED ([_realm_id], [name])"));
        Assert.That(ddl, Does.Contain("CREATE CLUSTERED INDEX [CX_realm_id] ON [app].[Dog] ([_realm_id]);"));
        Assert.That(ddl, Does.Contain("CREATE NONCLUSTERED INDEX [IX_owner] ON [app].[Dog] ([_realm_id], [owner]);"));
        Assert.That(TableDdlWriter.Write(Small.Tables.Single(t => t.Name == "Person"), partitioned: true), Does.Contain("PRIMARY KEY CLUSTERED ([_realm_id], [_id])"));
    }

    [Test]
    public void The_mapping_of_one_realm_has_no_ddl_of_its_own()
    {
        var e = Assert.Throws<ArgumentException>(() => SqlModelBuilder.GeneratedObjects(Small.ForRealm("/0a/private")).ToList());

        Assert.That(e!.Message, Does.Contain("'/0a/private'").And.Contain("build the partitioned mapping"));
    }

    [Test]
    public void Growth_adds_the_columns_and_tables_and_alters_the_views_to_show_them()
    {
        var previous = Small;
        var json = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Connector.Tests/SchemaGeneration/Corpus/small.json"))
            .Replace("\"owner\": \"Person\"", "\"owner\": \"Person\", \"color\": \"string?\"", StringComparison.Ordinal)
            .TrimEnd().TrimEnd(']') + ", {\"name\": \"Cat\", \"primaryKey\": \"id\", \"properties\": {\"id\": \"int\", \"toys\": \"string[]\"}}]";
        var next = SchemaMapper.Map(RealmSchemaImporter.Import(json, "grown.json"), previous.RealmPath, previous.SqlSchema, previous);

        var deployment = SchemaDeployPlanner.Plan(SchemaDeployPlanner.Dacpac(previous), next, "ADD_TYPE/ADD_PROPERTIES in version 3");
        var script = string.Join("\nGO\n", deployment.Batches);

        Assert.That(next.PathPattern, Is.EqualTo(Pattern), "growth keeps the mapping partitioned");
        Assert.That(deployment.Batches.SelectMany(TSqlScriptParser.Errors), Is.Empty);
        Assert.That(script, Does.Contain("ALTER TABLE [app].[Dog]").And.Contain("[color]"));
        Assert.That(script, Does.Contain("ALTER VIEW [app_realm].[Dog]"));
        Assert.That(script, Does.Contain("CREATE TABLE [app].[Cat]").And.Contain("CREATE VIEW [app_realm].[Cat]").And.Contain("CREATE VIEW [app_realm].[Cat__toys]"));
        Assert.That(script, Does.Not.Contain("DROP TABLE").And.Not.Contain("DROP VIEW"));
        Assert.That(script, Does.Not.Contain("[realmsync].[MappedRealm]"), "growth never changes the catalog");
        using var model = SqlModelBuilder.Build(next);
        Assert.That(model.GetObjects(DacQueryScopes.UserDefined, ModelSchema.View).Single(v => v.Name.Parts[1] == "Dog")
            .GetReferenced(View.Columns).Select(c => c.Name.Parts[^1]), Has.Member("color"));
        Assert.That(ApplierRoutineScripts.Write(next.ForRealm("/0a/private")).SelectMany(new ColumnReferenceChecker(model).Check), Is.Empty);
    }
}
