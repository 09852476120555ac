using Connector.Adapter;
using Connector.Applier;
using Connector.SqlServer.Applier;
using Connector.SqlServer.Schema;
using Connector.SqlServer.Sql;
using Connector.Tests.Applier;
using Connector.Tests.SqlServer.Schema;

namespace Connector.Tests.SqlServer.Applier;

/// <summary>
/// Tier 2 for the applier: every statement it can send, as <c>plan</c> prints it, parses with zero errors, and
/// each transaction's data batch, wrapped as a procedure body inside the generated model, validates with zero
/// messages and names only columns that exist (ScriptDom check; DacFx misses table-valued sources).
/// </summary>
public class PlanSqlTierTests
{
    private static string SampleInstructions => Path.Combine(RepositoryPaths.Root, "samples", "instructions.jsonl");

    private static string EveryInstruction => Path.Combine(RepositoryPaths.Root, "Connector.Tests", "Applier", "every-instruction.jsonl");

    public static IEnumerable<TestCaseData> Streams =>
    [
        new TestCaseData(SampleInstructions).SetArgDisplayNames("samples/instructions.jsonl"),
        new TestCaseData(EveryInstruction).SetArgDisplayNames("every-instruction.jsonl"),
    ];

    [TestCaseSource(nameof(Streams))]
    public void The_whole_plan_parses_with_zero_errors(string jsonl)
    {
        var run = new DryRun(PlannerFixture.Sample, stopOnBadTransaction: true);
        foreach (var (line, i) in File.ReadAllLines(jsonl).Select((l, i) => (l, i)))
        {
            run.Add(line, i + 1);
        }

        Assert.That(run.Errors, Is.Empty);
        Assert.That(TSqlScriptParser.Errors(run.Script()), Is.Empty);
    }

    [TestCaseSource(nameof(Streams))]
    public void Every_data_batch_validates_inside_the_model_and_names_existing_columns(string jsonl)
    {
        var mapping = PlannerFixture.Sample;
        foreach (var line in File.ReadAllLines(jsonl))
        {
            var plan = TransactionPlanner.Plan(AdapterCodec.Decode(line), mapping);
            var batch = PlanScriptWriter.DataBatch(plan, null, mapping);
            using var model = SqlModelBuilder.Build(plan.Mapping);
            model.AddObjects($"CREATE PROCEDURE [realmsync].[plan_check] AS\nBEGIN\n{batch}END\n");

            Assert.That(model.Validate().Select(m => $"SQL{m.Number}: {m.Message}"), Is.Empty, $"version {plan.Version}");
            Assert.That(new ColumnReferenceChecker(model).Check(batch), Is.Empty, $"version {plan.Version}");
            mapping = plan.Mapping;
        }
    }

    [Test]
    public void Every_instruction_type_is_covered_by_the_tier()
    {
        var types = File.ReadAllLines(EveryInstruction).SelectMany(l => AdapterCodec.Decode(l).Instructions).Select(i => i.GetType().Name).ToHashSet();

        Assert.That(types, Is.EquivalentTo(new[]
        {
            "AddTypeInstruction", "AddPropertiesInstruction", "InsertInstruction", "SetInstruction", "DeleteInstruction", "ClearInstruction",
            "ListInsertInstruction", "ListSetInstruction", "ListEraseInstruction", "ListClearInstruction", "ChangeIdentityInstruction", "SwapIdentityInstruction",
        }));
    }

    [Test]
    public void The_data_batches_of_the_sample_match_the_approved_file()
    {
        var mapping = PlannerFixture.Sample;
        var received = string.Concat(File.ReadAllLines(SampleInstructions).Take(2).Select(line =>
        {
            var plan = TransactionPlanner.Plan(AdapterCodec.Decode(line), mapping);
            return PlanScriptWriter.DataBatch(plan, null, mapping);
        }));

        Approval.Verify("sample.plan.sql", received, "Connector.Tests/SqlServer/Applier");
    }

    [Test]
    public void The_checks_catch_a_misnamed_row_column_and_a_misnamed_procedure()
    {
        var mapping = PlannerFixture.Sample;
        var plan = TransactionPlanner.Plan(AdapterCodec.Decode(File.ReadAllLines(SampleInstructions)[0]), mapping);
        var batch = PlanScriptWriter.DataBatch(plan, null, mapping);
        using var model = SqlModelBuilder.Build(mapping);

        Assert.That(new ColumnReferenceChecker(model).Check(batch.Replace("[breed$set]", "[bread$set]", StringComparison.Ordinal)),
            Has.Some.Contains("INSERT names [bread$set]"));
        model.AddObjects($"CREATE PROCEDURE [realmsync].[plan_check] AS\nBEGIN\n{batch.Replace("Dog$upsert]", "Dog$upsrt]", StringComparison.Ordinal)}END\n");
        Assert.That(model.Validate(), Is.Not.Empty);
    }
}
