using Connector.Adapter;
using Connector.Applier;
using Connector.SchemaGeneration;
using Connector.Tests.SchemaGeneration;

namespace Connector.Tests.Applier;

/// <summary>The README's sample schema mapped for /default, and helpers to plan JSON transactions against it.</summary>
public static class PlannerFixture
{
    public static SchemaMapping Sample { get; } =
        SchemaMapper.Map(SchemaCorpus.Load("samples", "realm-schema.json"), "/default", "dbo");

    public const string Ada = """["objectId","5f1b2c3d4e5f60718293a4b5"]""";

    public static TransactionPlan Plan(string instructionsJson, long version = 7) =>
        TransactionPlanner.Plan(AdapterCodec.Decode($$"""{"realm_path":"/default","version":{{version}},"instructions":[{{instructionsJson}}]}"""), Sample);

    public static AdapterFormatException Rejects(string instructionsJson) =>
        Assert.Throws<AdapterFormatException>(() => Plan(instructionsJson))!;

    public static IReadOnlyList<object?[]> Rows(PlannedCall call, string argument = "@rows") =>
        ((TableArgument)call.Arguments.Single(a => a.Name == argument)).Rows;
}
