using System.Collections.Immutable;
using Connector.Catalog;
using Connector.SchemaGeneration;
using Connector.SqlServer.Schema;
using Connector.SqlServer.Sql;
using Connector.Tests.SchemaGeneration;
using Microsoft.SqlServer.Dac;

namespace Connector.Tests.SqlServer.Schema;

/// <summary>
/// Tier 2 of DESIGN.md section 10: for every schema of the corpus, the DacFx model validates with zero
/// messages, the dacpac builds and loads, and deploy.sql parses with zero errors and does what it says.
/// </summary>
public class OfflineSqlTierTests
{
    private static readonly Dictionary<string, SchemaArtifacts> Generated = [];

    /// <summary>Each corpus schema is generated once per test run: DacFx work is the cost of this tier.</summary>
    private static SchemaArtifacts Generate(string file)
    {
        lock (Generated)
        {
            if (!Generated.TryGetValue(file, out var artifacts))
            {
                artifacts = SchemaArtifactGenerator.Generate(SchemaCorpus.Load(file), "/corpus", "app", Path.GetFileName(file));
                Generated[file] = artifacts;
            }

            return artifacts;
        }
    }

    [TestCaseSource(typeof(SchemaCorpus), nameof(SchemaCorpus.Cases))]
    public void Every_applier_routine_names_only_columns_that_exist(string file)
    {
        var mapping = Generate(file).Mapping;
        using var model = SqlModelBuilder.Build(mapping);
        var checker = new ColumnReferenceChecker(model);
        var scripts = ApplierRoutineScripts.Write(mapping).ToList();

        Assert.That(scripts, Has.Count.GreaterThan(mapping.Classes.Length * 5 - 1));
        Assert.That(scripts.SelectMany(checker.Check), Is.Empty);
    }

    [Test]
    public void The_column_check_catches_a_misspelled_table_valued_parameter_column()
    {
        var mapping = SchemaMapper.Map(SchemaCorpus.Load("Connector.Tests/SchemaGeneration/Corpus", "small.json"), "/small", "app");
        using var model = SqlModelBuilder.Build(mapping);
        var upsert = ApplierRoutineScripts.Write(mapping).First(s => s.Contains("$upsert]", StringComparison.Ordinal));

        var problems = new ColumnReferenceChecker(model).Check(upsert.Replace("s.[name]", "s.[nmae]", StringComparison.Ordinal));

        Assert.That(problems, Has.Some.Contains("s.[nmae] does not exist"));
    }

    [TestCaseSource(typeof(SchemaCorpus), nameof(SchemaCorpus.Cases))]
    public void The_model_validates_with_zero_messages(string file)
    {
        var mapping = SchemaMapper.Map(SchemaCorpus.Load(file), "/corpus", "app");
        using var model = SqlModelBuilder.Build(mapping);

        Assert.That(model.Validate().Select(m => $"SQL{m.Number}: {m.Message}"), Is.Empty);
    }

    [TestCaseSource(typeof(SchemaCorpus), nameof(SchemaCorpus.Cases))]
    public void The_dacpac_builds_and_holds_every_generated_table(string file)
    {
        var artifacts = Generate(file);
        using var package = DacPackage.Load(new MemoryStream(artifacts.Dacpac));
        using var model = Microsoft.SqlServer.Dac.Model.TSqlModel.LoadFromDacpac(new MemoryStream(artifacts.Dacpac), new Microsoft.SqlServer.Dac.Model.ModelLoadOptions());
        var tables = ScriptInspector.ModelColumns(model).Keys;

        Assert.That(tables, Is.SupersetOf(artifacts.Mapping.Tables.Select(t => $"app.{t.Name}")));
        Assert.That(model.Validate(), Is.Empty);
    }

    [TestCaseSource(typeof(SchemaCorpus), nameof(SchemaCorpus.Cases))]
    public void Deploy_sql_parses_with_zero_errors_and_creates_and_tracks_every_table(string file)
    {
        var artifacts = Generate(file);
        var script = ScriptInspector.Inspect(artifacts.DeployScript);
        var generated = artifacts.Mapping.Tables.Select(t => $"app.{t.Name}").ToList();

        Assert.That(script.CreatedTables, Is.SupersetOf(generated));
        Assert.That(script.TrackedTables, Is.EquivalentTo(generated), "Change Tracking on every generated table and nothing else");
    }

    [TestCaseSource(typeof(SchemaCorpus), nameof(SchemaCorpus.Cases))]
    public void Deploy_sql_changes_no_database_setting_and_needs_no_sqlcmd_mode(string file)
    {
        var script = Generate(file).DeployScript;

        Assert.That(script, Does.Not.Contain("ALTER DATABASE").IgnoreCase);
        Assert.That(script, Does.Not.Contain("$("));
        Assert.That(script.Split('\n').Where(l => l.StartsWith(':')), Is.Empty);
        Assert.That(script, Does.Not.Contain("USE ["));
    }

    [TestCaseSource(typeof(SchemaCorpus), nameof(SchemaCorpus.Cases))]
    public void Deploy_sql_records_the_mapping_in_catalog_columns_that_exist(string file)
    {
        var artifacts = Generate(file);
        using var model = SqlModelBuilder.Build(artifacts.Mapping);
        var columns = ScriptInspector.ModelColumns(model);
        var inserts = ScriptInspector.Inspect(artifacts.DeployScript).Inserts;

        Assert.That(inserts.Count(i => i.Table == "realmsync.MappedClass"), Is.EqualTo(artifacts.Mapping.Classes.Length));
        Assert.That(inserts.Count(i => i.Table == "realmsync.MappedProperty"), Is.EqualTo(artifacts.Mapping.Classes.Sum(c => c.Properties.Length)));
        Assert.That(inserts.Count(i => i.Table == "realmsync.TableWatermark"), Is.EqualTo(artifacts.Mapping.Tables.Length), "an initial watermark per generated table");
        foreach (var (table, named) in inserts)
        {
            Assert.That(columns, Does.ContainKey(table));
            Assert.That(columns[table], Is.SupersetOf(named), table);
        }
    }

    [Test]
    public void Every_catalog_script_parses_and_the_catalog_alone_validates()
    {
        Assert.That(CatalogSchema.Scripts.Select(s => s.Name).ToList(), Has.Member("000-Schema.sql").And.Count.EqualTo(11));
        foreach (var (name, sql) in CatalogSchema.Scripts)
        {
            Assert.That(TSqlScriptParser.Errors(sql), Is.Empty, name);
        }

        using var model = SqlModelBuilder.Build(new SchemaMapping("/p", "dbo", [], []));
        Assert.That(ScriptInspector.ModelColumns(model).Keys, Is.EquivalentTo(new[]
        {
            "realmsync.CatalogVersion", "realmsync.MappedRealm", "realmsync.MappedClass", "realmsync.MappedProperty",
            "realmsync.InboundCursor", "realmsync.TableWatermark", "realmsync.Outbox", "realmsync.SchemaDeployment",
            "realmsync.DeadLetter", "realmsync.Conflict",
        }));
    }

    [Test]
    public void A_model_that_does_not_validate_is_refused_with_every_message()
    {
        var broken = new SqlTableDefinition(
            "dbo", "T", TableRole.Class, [new("id", "bigint", false)], ["id"], true,
            [new SqlIndexDefinition("IX_missing", ["missing"], false)]);

        var e = Assert.Throws<SqlValidationException>(() => SqlModelBuilder.Build(new SchemaMapping("/p", "dbo", [], [broken])));
        Assert.That(e!.ExitCode, Is.EqualTo(ExitCodes.InvalidSql));
        Assert.That(e.Messages, Is.Not.Empty);
        Assert.That(e.Message, Does.Contain("[missing]"));
    }

    [Test]
    public void The_enable_change_tracking_script_parses() =>
        Assert.That(TSqlScriptParser.Errors(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "scripts", "enable-change-tracking.sql"))), Is.Empty);
}
