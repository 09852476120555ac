using Connector.RealmSchema;
using Connector.SqlServer.Schema;
using Connector.Tests.SqlServer.Schema;

namespace Connector.Tests.Generators;

/// <summary>
/// Bootstrap on random schemas, offline (DESIGN.md section 10, tier 2): artifact generation succeeds (it stops on
/// any DacFx message or parse error), the model validates with zero messages, and every applier routine names only
/// columns that exist. DacFx takes about a second a schema, so the CI count is small.
/// </summary>
public class RandomSchemaGenerationTests
{
    [Test]
    public void Any_generated_schema_bootstraps_and_its_model_validates_with_zero_messages() =>
        RandomRuns.Check(RealmSchemas.Schema, schema =>
        {
            var artifacts = SchemaArtifactGenerator.Generate(schema, "/random", "app", "random.json");
            using var model = SqlModelBuilder.Build(artifacts.Mapping);
            var checker = new ColumnReferenceChecker(model);

            Assert.That(model.Validate().Select(m => $"SQL{m.Number}: {m.Message}"), Is.Empty);
            Assert.That(ApplierRoutineScripts.Write(artifacts.Mapping).SelectMany(checker.Check), Is.Empty);
            Assert.That(ScriptInspector.Inspect(artifacts.DeployScript).TrackedTables,
                Is.EquivalentTo(artifacts.Mapping.Tables.Select(t => $"app.{t.Name}")), "Change Tracking on every generated table");
        }, ciDefault: 10, print: RealmSchemaWriter.ToJson);
}
